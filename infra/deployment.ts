import type { Environment } from 'aws-cdk-lib';
import type { Node } from 'constructs';
import { DEV_DEFAULT_SETTINGS, configFor, type DeploymentSettings, type Stage, type StageConfig } from './config';
import { isOrigin } from './cors';

/** The settings an operator gives per stage as CDK context, `<stage>:<name>` (README, "Deploying"). */
export const SETTING_NAMES = ['account', 'region', 'senderEmail', 'adminEmail', 'alarmEmail', 'corsOrigins', 'senderVerified'] as const;
type SettingName = (typeof SETTING_NAMES)[number];

export const contextKey = (stage: Stage, name: SettingName): string => `${stage}:${name}`;

// Reserved for documentation and testing (RFC 2606, RFC 6761): mail to them goes nowhere.
const PLACEHOLDER_HOST = /(^|\.)(example\.(com|net|org)|example|test|invalid|localhost)$/i;
const EMAIL = /^[^\s@]+@([a-z0-9-]+(\.[a-z0-9-]+)+)$/i;
const ACCOUNT = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

/** Where a stage's settings come from: dev falls back to its local defaults and CLI account; prod to nothing. */
const hasDefaults = (stage: Stage): boolean => stage === 'dev';

const readSetting = (node: Node, stage: Stage, name: SettingName): string | undefined => {
  const value: unknown = node.tryGetContext(contextKey(stage, name));
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

/** Fails with every problem at once, each naming its context key, so one run tells the operator all. */
const refuseUnless = (stage: Stage, problems: string[]): void => {
  if (problems.length > 0) throw new Error(`Cannot synthesize ${stage}:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
};

const emailProblem = (value: string, strict: boolean): string | undefined => {
  const host = EMAIL.exec(value)?.[1];
  if (!host) return 'is not an email address';
  return strict && PLACEHOLDER_HOST.test(host) ? 'is a placeholder (a reserved example domain)' : undefined;
};

const originsProblem = (origins: string[], strict: boolean): string | undefined => {
  if (origins.length === 0) return 'names no origin';
  const bad = origins.filter((origin) => !isOrigin(origin) || (strict && !origin.startsWith('https://')));
  if (bad.length > 0) return `has ${bad.length} origin(s) that are not https://host[:port] (comma-separated)`;
  return strict && origins.some((origin) => PLACEHOLDER_HOST.test(new URL(origin).hostname)) ? 'is a placeholder (a reserved example domain)' : undefined;
};

const resolveSettings = (node: Node, stage: Stage): { settings: DeploymentSettings; problems: string[] } => {
  const strict = !hasDefaults(stage);
  const problems: string[] = [];
  const text = (name: 'senderEmail' | 'adminEmail' | 'alarmEmail'): string => {
    const value = readSetting(node, stage, name) ?? (strict ? undefined : DEV_DEFAULT_SETTINGS[name]);
    const problem = value === undefined ? 'is missing' : emailProblem(value, strict);
    if (problem) problems.push(`${contextKey(stage, name)} ${problem}`);
    return value ?? '';
  };
  const addresses = { senderEmail: text('senderEmail'), adminEmail: text('adminEmail'), alarmEmail: text('alarmEmail') };
  const list = readSetting(node, stage, 'corsOrigins');
  const corsOrigins = list === undefined ? (strict ? [] : [...DEV_DEFAULT_SETTINGS.corsOrigins]) : list.split(',').map((origin) => origin.trim());
  const originProblem = list === undefined && strict ? 'is missing' : originsProblem(corsOrigins, strict);
  if (originProblem) problems.push(`${contextKey(stage, 'corsOrigins')} ${originProblem}`);
  // Off until the operator has seen SES verify the domain (README, runbook): Cognito refuses an unverified identity.
  const verified = readSetting(node, stage, 'senderVerified') ?? String(DEV_DEFAULT_SETTINGS.senderVerified);
  if (verified !== 'true' && verified !== 'false') problems.push(`${contextKey(stage, 'senderVerified')} is neither true nor false`);
  return { settings: { ...addresses, corsOrigins, senderVerified: verified === 'true' }, problems };
};

/**
 * The stage's configuration, its deployment settings from the CDK context. A stage without
 * defaults (prod) refuses to synthesize while any is missing, malformed or a placeholder: a
 * deployed stack that emails nobody and serves no browser would otherwise succeed and tell no one.
 */
export const stageConfigFrom = (node: Node, stage: Stage): StageConfig => {
  const { settings, problems } = resolveSettings(node, stage);
  refuseUnless(stage, problems);
  return configFor(stage, settings);
};

/**
 * The account and region a stage deploys to, pinned by the context so that a CLI profile pointing
 * elsewhere cannot deploy prod into the wrong account. dev falls back to the CLI's (a developer's
 * sandbox), or stays environment-agnostic offline. Run first (infra/app.ts), it refuses with the
 * problems of every setting, not only these two.
 */
export const environmentFrom = (node: Node, stage: Stage, cliDefaults: Environment): Environment => {
  const strict = !hasDefaults(stage);
  const account = readSetting(node, stage, 'account') ?? (strict ? undefined : cliDefaults.account);
  const region = readSetting(node, stage, 'region') ?? (strict ? undefined : cliDefaults.region);
  const problems: string[] = [];
  if (strict && account === undefined) problems.push(`${contextKey(stage, 'account')} is missing`);
  else if (account !== undefined && !ACCOUNT.test(account)) problems.push(`${contextKey(stage, 'account')} is not a 12-digit account id`);
  if (strict && region === undefined) problems.push(`${contextKey(stage, 'region')} is missing`);
  else if (region !== undefined && !REGION.test(region)) problems.push(`${contextKey(stage, 'region')} is not a region (eu-west-1)`);
  refuseUnless(stage, [...problems, ...resolveSettings(node, stage).problems]);
  return { account, region };
};
