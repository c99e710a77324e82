import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import cdkJson from '../../cdk.json';
import { buildApp, type FaxStacks } from '../../infra/build';
import type { Stage, StageConfig } from '../../infra/config';
import { contextKey, stageConfigFrom } from '../../infra/deployment';

/** What an operator gives prod (README, "Deploying"): real-looking, never a reserved example domain. */
export const PROD_SETTINGS = {
  account: '123456789012',
  region: 'eu-west-1',
  senderEmail: 'no-reply@acme-fax.co.uk',
  adminEmail: 'privacy-admins@acme-fax.co.uk',
  alarmEmail: 'fax-alarms@acme-fax.co.uk',
  corsOrigins: 'https://app.acme-fax.co.uk,https://www.acme-fax.co.uk',
  senderVerified: 'true',
} as const;

export const prodContext = (settings: Partial<Record<keyof typeof PROD_SETTINGS, string>> = PROD_SETTINGS): Record<string, string> =>
  Object.fromEntries(Object.entries(settings).map(([name, value]) => [contextKey('prod', name as keyof typeof PROD_SETTINGS), value]));

/**
 * A fresh app with the project's feature flags and prod's settings, without bundling (no handler
 * is built in tests). dev runs on its local defaults, as a developer's `cdk synth` does.
 */
export const testApp = (context: Record<string, unknown> = prodContext()): App =>
  new App({ context: { ...cdkJson.context, ...context, 'aws:cdk:bundling-stacks': [] } });

/** The configuration `synthesize(stage)` builds with. */
export const stageConfig = (stage: Stage): StageConfig => stageConfigFrom(testApp().node, stage);

export interface SynthesizedStage extends FaxStacks {
  app: App;
  statefulTemplate: Template;
  statelessTemplate: Template;
}

export const synthesize = (stage: Stage): SynthesizedStage => {
  const app = testApp();
  const stacks = buildApp(app, stage);
  return {
    app,
    ...stacks,
    statefulTemplate: Template.fromStack(stacks.stateful),
    statelessTemplate: Template.fromStack(stacks.stateless),
  };
};
