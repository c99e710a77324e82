import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import cdkJson from '../../cdk.json';
import { buildApp, type FaxStacks } from '../../infra/build';
import type { Stage } from '../../infra/config';

/** A fresh app with the project's feature flags, without bundling (no handler is built in tests). */
export const testApp = (): App => new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });

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
