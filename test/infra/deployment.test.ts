import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from '../../infra/build';
import { DEV_DEFAULT_SETTINGS } from '../../infra/config';
import { SETTING_NAMES, contextKey, environmentFrom, stageConfigFrom } from '../../infra/deployment';
import { PROD_SETTINGS, prodContext, synthesize, testApp } from './synth';

const CLI = { account: '210987654321', region: 'us-east-1' };

describe('prod deployment settings', () => {
  it('takes the addresses, the origins, the account and the region from the context', () => {
    // Prepare
    const app = testApp();

    // Act
    const config = stageConfigFrom(app.node, 'prod');
    const env = environmentFrom(app.node, 'prod', CLI);

    // Assess
    expect(config).toMatchObject({
      senderEmail: PROD_SETTINGS.senderEmail,
      adminEmail: PROD_SETTINGS.adminEmail,
      alarms: { email: PROD_SETTINGS.alarmEmail },
      api: { corsOrigins: ['https://app.acme-fax.co.uk', 'https://www.acme-fax.co.uk'] },
    });
    expect(env).toEqual({ account: PROD_SETTINGS.account, region: PROD_SETTINGS.region });
  });

  it('refuses to synthesize without its settings, naming every missing context key', () => {
    // Prepare
    const app = testApp({});

    // Act
    const build = () => buildApp(app, 'prod');

    // Assess
    expect(build).toThrow(/Cannot synthesize prod/);
    for (const name of ['senderEmail', 'adminEmail', 'alarmEmail', 'corsOrigins']) expect(build).toThrow(`${contextKey('prod', name as never)}`);
    // cdk synth resolves the environment first: it lists every missing key in one run
    // (senderVerified is not missing: a first deploy's sender is unverified, `false`).
    const required = SETTING_NAMES.filter((name) => name !== 'senderVerified');
    for (const name of required) expect(() => environmentFrom(app.node, 'prod', CLI)).toThrow(`${contextKey('prod', name)} is missing`);
  });

  it('never pins prod to the CLI profile: a missing account or region fails', () => {
    // Prepare
    const { account: _account, region: _region, ...rest } = PROD_SETTINGS;
    const app = testApp(prodContext(rest));

    // Act
    const resolve = () => environmentFrom(app.node, 'prod', CLI);

    // Assess
    expect(resolve).toThrow('prod:account is missing');
    expect(resolve).toThrow('prod:region is missing');
  });

  it.each([
    ['senderEmail', 'no-reply@fax.example.com', 'placeholder'],
    ['adminEmail', 'admins@example.org', 'placeholder'],
    ['alarmEmail', 'alarms@ops.test', 'placeholder'],
    ['alarmEmail', 'not an address', 'not an email address'],
    ['corsOrigins', 'https://app.fax.example.com', 'placeholder'],
    ['corsOrigins', 'http://app.acme-fax.co.uk', 'not https'],
    ['corsOrigins', 'https://app.acme-fax.co.uk/login', 'not https'],
    ['account', '12345', 'not a 12-digit account id'],
    ['region', 'Ireland', 'not a region'],
    ['senderVerified', 'yes', 'neither true nor false'],
  ])('refuses %s = %s (%s)', (name, value, problem) => {
    // Prepare
    const app = testApp(prodContext({ ...PROD_SETTINGS, [name]: value }));

    // Act
    const resolve = () => {
      stageConfigFrom(app.node, 'prod');
      environmentFrom(app.node, 'prod', CLI);
    };

    // Assess
    expect(resolve).toThrow(new RegExp(`prod:${name}.*${problem}`));
  });
});

describe('dev deployment settings', () => {
  it('keeps its local defaults and the CLI account, so a sandbox deploys as it is', () => {
    // Prepare
    const app = testApp({});

    // Act
    const config = stageConfigFrom(app.node, 'dev');
    const env = environmentFrom(app.node, 'dev', CLI);

    // Assess
    expect(config).toMatchObject({ senderEmail: DEV_DEFAULT_SETTINGS.senderEmail, alarms: { email: DEV_DEFAULT_SETTINGS.alarmEmail } });
    expect(env).toEqual(CLI);
  });

  it('takes its context over the defaults when given', () => {
    // Prepare
    const app = testApp({ [contextKey('dev', 'senderEmail')]: 'no-reply@dev.acme-fax.co.uk', [contextKey('dev', 'account')]: '111122223333' });

    // Act
    const config = stageConfigFrom(app.node, 'dev');
    const env = environmentFrom(app.node, 'dev', CLI);

    // Assess
    expect(config.senderEmail).toBe('no-reply@dev.acme-fax.co.uk');
    expect(env).toEqual({ account: '111122223333', region: CLI.region });
  });
});

describe('DKIM', () => {
  it('outputs the three Easy DKIM CNAME records of the sender domain', () => {
    // Act
    const outputs = synthesize('prod').statefulTemplate.findOutputs('*');

    // Assess
    const dkim = Object.values(outputs).filter((output) => /Easy DKIM CNAME/.test(output.Description));
    expect(dkim).toHaveLength(3);
    for (const output of dkim) expect(JSON.stringify(output.Value)).toMatch(/DkimDNSTokenName\d.*CNAME.*DkimDNSTokenValue\d/);
  });
});

describe('the README', () => {
  it('names every context key of a stage', () => {
    // Prepare
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');

    // Assess
    for (const name of SETTING_NAMES) expect(readme).toContain(`prod:${name}`);
  });
});
