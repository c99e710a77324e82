import type { App, Environment } from 'aws-cdk-lib';
import { isStage, stages, type Stage } from './config';
import { stageConfigFrom } from './deployment';
import { StatefulStack } from './stateful-stack';
import { StatelessStack } from './stateless-stack';

export interface FaxStacks {
  stateful: StatefulStack;
  stateless: StatelessStack;
}

/**
 * Builds one stage's stacks into `app`, its settings from the app's context (refusing a prod
 * without real ones); `cdk synth` and the infrastructure tests share it.
 */
export const buildApp = (app: App, stage: Stage, env?: Environment): FaxStacks => {
  const config = stageConfigFrom(app.node, stage);
  const stateful = new StatefulStack(app, `Fax-${stage}-Stateful`, {
    env,
    config,
    description: `Fax service (${stage}): data that outlives deployments`,
    terminationProtection: stage === 'prod',
  });
  const stateless = new StatelessStack(app, `Fax-${stage}-Stateless`, {
    env,
    config,
    description: `Fax service (${stage}): functions, HTTP API, alarms`,
    table: stateful.table,
    faxBucket: stateful.faxBucket,
    exportBucket: stateful.exportBucket,
    webhookSecret: stateful.webhookSecret,
    hashKey: stateful.hashKey,
    userPool: stateful.userPool,
    userPoolClient: stateful.userPoolClient,
    emailSending: stateful.emailSending,
  });
  return { stateful, stateless };
};

/** The stage named by `-c stage=…`, `dev` by default. */
export const stageFrom = (app: App): Stage => {
  const stage: unknown = app.node.tryGetContext('stage') ?? 'dev';
  if (!isStage(stage)) throw new Error(`Unknown stage ${String(stage)}; expected one of ${stages.join(', ')}`);
  return stage;
};
