import { App, NestedStack, Stack, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
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
  /**
   * The stateless stack and its domains' nested stacks as one template: every resource under its
   * own logical id, and what crosses a nested stack's boundary (a parameter the parent passes, an
   * output the parent reads) replaced by what it stands for, as if it were one stack.
   */
  statelessTemplate: Template;
}

type Json = Record<string, any>;

/** A construct's (or its default resource's) logical id in the template of its own stack. */
export const logicalIdOf = (construct: IConstruct): string => {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(element).getLogicalId(element);
};

/** Every stack of the app, top-level and nested, each with its template. */
export const stacksOf = (app: App): { stack: Stack; template: Json }[] =>
  app.node
    .findAll()
    .filter((construct): construct is Stack => construct instanceof Stack)
    .map((stack) => ({ stack, template: Template.fromStack(stack).toJSON() }));

const flattened = (root: Stack, all: { stack: Stack; template: Json }[]): Template => {
  const family = all.filter(({ stack }) => stack === root || stack.node.scopes.includes(root));
  const templateOf = (stack: Stack): Json => family.find((entry) => entry.stack === stack)!.template;
  const nestedById = (parent: Stack): Map<string, NestedStack> =>
    new Map(
      family
        .map(({ stack }) => stack)
        .filter((stack): stack is NestedStack => stack instanceof NestedStack && stack.nestedStackParent === parent)
        .map((nested) => [logicalIdOf(nested.nestedStackResource!), nested]),
    );
  const resolve = (stack: Stack, value: unknown): unknown => {
    if (Array.isArray(value)) return value.map((item) => resolve(stack, item));
    if (typeof value !== 'object' || value === null) return value;
    const object = value as Json;
    const parameter = object.Ref as string | undefined;
    if (stack instanceof NestedStack && parameter && templateOf(stack).Parameters?.[parameter]) {
      const parent = stack.nestedStackParent!;
      return resolve(parent, templateOf(parent).Resources[logicalIdOf(stack.nestedStackResource!)].Properties.Parameters[parameter]);
    }
    const [id, attribute] = (object['Fn::GetAtt'] ?? []) as [string?, string?];
    const nested = id ? nestedById(stack).get(id) : undefined;
    if (nested && attribute?.startsWith('Outputs.')) {
      return resolve(nested, templateOf(nested).Outputs[attribute.slice('Outputs.'.length)].Value);
    }
    return Object.fromEntries(Object.entries(object).map(([key, item]) => [key, resolve(stack, item)]));
  };
  const resources: Json = {};
  for (const { stack, template } of family) {
    for (const [id, resource] of Object.entries<Json>(template.Resources)) {
      if (id in resources) throw new Error(`${id} is a logical id in two of ${root.stackName}'s stacks`);
      resources[id] = resolve(stack, resource);
    }
  }
  return Template.fromJSON({ ...templateOf(root), Resources: resources });
};

export const synthesize = (stage: Stage): SynthesizedStage => {
  const app = testApp();
  const stacks = buildApp(app, stage);
  const all = stacksOf(app);
  return {
    app,
    ...stacks,
    statefulTemplate: Template.fromStack(stacks.stateful),
    statelessTemplate: flattened(stacks.stateless, all),
  };
};
