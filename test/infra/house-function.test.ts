import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, type CfnResource } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { FunctionAccess, FunctionDeclaration } from '../../functions/declaration';
import health from '../../functions/health/function';
import { apiDocument } from '../../functions/openapi/document';
import openapi from '../../functions/openapi/function';
import { HouseFunction } from '../../infra/constructs/house-function';
import { WorkQueue } from '../../infra/constructs/work-queue';
import { StatefulStack } from '../../infra/stateful-stack';
import { EnvNames } from '../../shared/config';
import cdkJson from '../../cdk.json';
import { httpEvent } from '../support/http';
import { stageConfig, testApp } from './synth';

// Every kind of access on one existing handler, each in its own function, next to the real stateful stack.
const probes: Record<string, FunctionAccess> = {
  none: {},
  tableRead: { table: 'read', tableKeys: ['ACCOUNT'] },
  tableReadWrite: { table: 'readWrite', tableKeys: ['ACCOUNT', 'AUDIT'] },
  tableKeys: { table: 'readWrite', tableKeys: ['ACCOUNT', 'EMAIL'] },
  tableIndexesOnly: { table: 'read', tableKeys: [] },
  bucketRead: { faxBucket: { read: ['faxes'] } },
  bucketWrite: { faxBucket: { write: ['uploads'] } },
  bucketDelete: { faxBucket: { delete: ['faxes'] } },
  webhookSecret: { webhookSecret: true },
  hashKey: { hashKey: true },
  queueSender: { sendTo: ['faxAccepted'] },
  sendEmail: { sendEmail: true },
  loginsProvision: { logins: ['provision'] },
  loginsLifecycle: { logins: ['disable', 'remove', 'changeEmail'] },
  idTokens: { idTokens: true },
  exportWrite: { exportBucket: 'write', apiUrl: true },
  exportRead: { exportBucket: 'read' },
  loginsDescribe: { logins: ['describe'] },
};

const houseFunction = (stack: Stack, stateful: StatefulStack, queue: WorkQueue, id: string, declaration: FunctionDeclaration): HouseFunction => {
  const resources = {
    table: stateful.table,
    faxBucket: stateful.faxBucket,
    exportBucket: stateful.exportBucket,
    apiUrl: 'https://api.example.test',
    webhookSecret: stateful.webhookSecret,
    hashKey: stateful.hashKey,
    emailSending: stateful.emailSending,
    queues: { faxAccepted: queue.queue, accounts: queue.queue, emails: queue.queue, emailFeedback: queue.queue, rightsRequests: queue.queue, referralInvitations: queue.queue, policyNotices: queue.queue },
    userPool: stateful.userPool,
    userPoolClient: stateful.userPoolClient,
  };
  return new HouseFunction(stack, id, { declaration, config: stageConfig('prod'), resources });
};

const probeFunction = (stack: Stack, stateful: StatefulStack, queue: WorkQueue, id: string, access: FunctionAccess): HouseFunction =>
  houseFunction(stack, stateful, queue, id, { ...health, access });

describe('house function bindings', () => {
  let app: App;
  let stateful: StatefulStack;
  let probeStack: Stack;
  let queue: WorkQueue;
  let functions: Record<string, HouseFunction>;
  let template: Template;

  const fnProps = (id: string) => template.toJSON().Resources[probeStack.getLogicalId(functions[id]!.fn.node.defaultChild as CfnResource)].Properties;
  const statementsOf = (id: string): { Effect: string; Action: string | string[]; Resource: unknown; Condition?: Record<string, Record<string, unknown>> }[] => {
    const roleId = fnProps(id).Role['Fn::GetAtt'][0];
    return Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((policy) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
  };
  const actionsOf = (id: string): string[] => statementsOf(id).flatMap((statement) => [statement.Action].flat());
  const statefulOutput = (value: { 'Fn::GetStackOutput': { OutputName: string } }): unknown =>
    Template.fromStack(stateful).toJSON().Outputs[value['Fn::GetStackOutput'].OutputName].Value;
  const statefulRef = (construct: { node: { defaultChild?: unknown } }) => ({ Ref: stateful.getLogicalId(construct.node.defaultChild as CfnResource) });

  beforeAll(() => {
    app = testApp();
    stateful = new StatefulStack(app, 'Stateful', { config: stageConfig('prod') });
    probeStack = new Stack(app, 'Probe');
    queue = new WorkQueue(probeStack, 'ProbeQueue', { config: stageConfig('prod'), visibilityTimeoutSeconds: 60, maxReceiveCount: 5 });
    functions = Object.fromEntries(Object.entries(probes).map(([id, access]) => [id, probeFunction(probeStack, stateful, queue, id, access)]));
    template = Template.fromStack(probeStack);
  });

  test('no access: only its log group and traces', () => {
    expect(actionsOf('none').sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
    expect(Object.keys(fnProps('none').Environment.Variables)).not.toEqual(expect.arrayContaining([EnvNames.table]));
  });

  test('table read: reads items and indexes, writes nothing, knows the table name', () => {
    expect(actionsOf('tableRead')).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'kms:Decrypt']));
    expect(actionsOf('tableRead').filter((action) => /^dynamodb:(Put|Update|Delete|BatchWrite)|^kms:(Encrypt|GenerateDataKey)/.test(action))).toEqual([]);
    expect(statefulOutput(fnProps('tableRead').Environment.Variables[EnvNames.table])).toEqual(statefulRef(stateful.table));
  });

  test('table readWrite: also writes items', () => {
    expect(actionsOf('tableReadWrite')).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']));
  });

  const tableArn = () => ({ 'Fn::GetAtt': [stateful.getLogicalId(stateful.table.node.defaultChild as CfnResource), 'Arn'] });
  const resolved = (resource: unknown): unknown =>
    typeof resource === 'object' && resource !== null && 'Fn::GetStackOutput' in resource ? statefulOutput(resource as never) : resource;
  const onTable = (id: string) =>
    statementsOf(id).filter(
      (statement) => statement.Effect === 'Allow' && [statement.Resource].flat().some((resource) => JSON.stringify(resolved(resource)) === JSON.stringify(tableArn())),
    );

  test('no table access scans: reads are gets, queries and condition checks; index queries are Query only', () => {
    for (const id of ['tableRead', 'tableReadWrite', 'tableKeys', 'tableIndexesOnly']) {
      expect(actionsOf(id).filter((action) => /scan|dynamodb:\*/i.test(action))).toEqual([]);
      const onIndexes = statementsOf(id).filter((statement) => JSON.stringify(statement.Resource).includes('/index/*'));
      expect(onIndexes.map((statement) => statement.Action)).toEqual(['dynamodb:Query']);
    }
    expect(onTable('tableRead').flatMap((statement) => [statement.Action].flat()).sort()).toEqual(
      ['dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:GetItem', 'dynamodb:Query'],
    );
  });

  test('tableKeys: every key a request names must fall under a declared prefix (LeadingKeys), on every table statement', () => {
    const [confined] = onTable('tableKeys');
    expect(confined!.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['ACCOUNT#*', 'EMAIL#*'] } });
    expect(onTable('tableReadWrite').map((statement) => statement.Condition)).toEqual([
      { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['ACCOUNT#*', 'AUDIT#*'] } },
    ]);
  });

  test('tableKeys empty: reads through the indexes only, no item of the table itself', () => {
    expect(onTable('tableIndexesOnly')).toEqual([]);
    expect(actionsOf('tableIndexesOnly').filter((action) => action.startsWith('dynamodb:'))).toEqual(['dynamodb:Query']);
  });

  test('audit entries are append-only: every table writer is denied changing or removing an AUDIT# item, readers need no Deny', () => {
    const denyOf = (id: string) => statementsOf(id).filter((statement) => statement.Effect === 'Deny');
    for (const id of ['tableReadWrite', 'tableKeys']) {
      expect(denyOf(id)).toEqual([
        expect.objectContaining({
          Action: ['dynamodb:BatchWriteItem', 'dynamodb:DeleteItem', 'dynamodb:UpdateItem'],
          Condition: { 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': ['AUDIT#*'] } },
        }),
      ]);
      expect(statefulOutput(denyOf(id)[0]!.Resource as never)).toEqual(tableArn());
    }
    expect(denyOf('tableRead')).toEqual([]);
  });

  test.each([
    ['tableRead', 'dynamodb'],
    ['tableReadWrite', 'dynamodb'],
    ['bucketRead', 's3'],
    ['bucketWrite', 's3'],
    ['exportWrite', 's3'],
    ['exportRead', 's3'],
    ['hashKey', 'secretsmanager'],
  ])('%s: uses the data key only through %s (kms:ViaService)', (id, service) => {
    const keyStatements = statementsOf(id).filter((statement) => [statement.Action].flat().some((action) => action.startsWith('kms:')));
    expect(keyStatements.length).toBeGreaterThan(0);
    for (const statement of keyStatements) {
      expect(statement.Condition).toEqual({ StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', [`${service}.`, { Ref: 'AWS::Region' }, '.amazonaws.com']] } } });
      expect(statefulOutput(statement.Resource as never)).toEqual({ 'Fn::GetAtt': [stateful.getLogicalId(stateful.key.node.defaultChild as CfnResource), 'Arn'] });
    }
  });

  // The object resources a probe's S3 statements name with `action`, as the text after the bucket ARN.
  const objectScopes = (id: string, action: string): string[] =>
    statementsOf(id)
      .filter((statement) => [statement.Action].flat().includes(action))
      .flatMap((statement) => [statement.Resource].flat())
      .map((resource) => JSON.stringify(resource).match(/"(\/[^"]*)"\]\]\}$/)?.[1] ?? 'bucket');

  test('fax bucket read: reads objects under the declared prefix only, knows the bucket name', () => {
    expect(actionsOf('bucketRead')).toEqual(expect.arrayContaining(['s3:GetObject*', 'kms:Decrypt']));
    expect(actionsOf('bucketRead').filter((action) => /^s3:(Put|Delete)/.test(action))).toEqual([]);
    expect(objectScopes('bucketRead', 's3:GetObject*')).toEqual(['bucket', '/faxes/*']);
    expect(statefulOutput(fnProps('bucketRead').Environment.Variables[EnvNames.faxBucket])).toEqual(statefulRef(stateful.faxBucket));
  });

  test('fax bucket write: puts objects under the declared prefix only, reads and deletes none', () => {
    expect(actionsOf('bucketWrite')).toEqual(expect.arrayContaining(['s3:PutObject', 'kms:GenerateDataKey*']));
    expect(actionsOf('bucketWrite').filter((action) => /^s3:(Get|Delete)/.test(action))).toEqual([]);
    expect(objectScopes('bucketWrite', 's3:PutObject')).toEqual(['/uploads/*']);
  });

  test('fax bucket delete: deletes objects under the declared prefix only, reads and writes none', () => {
    expect(actionsOf('bucketDelete')).toEqual(expect.arrayContaining(['s3:DeleteObject*']));
    expect(actionsOf('bucketDelete').filter((action) => /^s3:(Get|Put)/.test(action))).toEqual([]);
    expect(objectScopes('bucketDelete', 's3:DeleteObject*')).toEqual(['/faxes/*']);
  });

  test('exports bucket write: puts and deletes (an erasure) exports under exports/ only, reads none, knows the bucket and the API URL', () => {
    expect(actionsOf('exportWrite')).toEqual(expect.arrayContaining(['s3:PutObject', 's3:Abort*', 's3:DeleteObject*', 'kms:GenerateDataKey*']));
    expect(actionsOf('exportWrite').filter((action) => /^s3:(Get|List)/.test(action))).toEqual([]);
    expect(objectScopes('exportWrite', 's3:DeleteObject*')).toEqual(['/exports/*']);
    expect(objectScopes('exportWrite', 's3:PutObject')).toEqual(['/exports/*']);
    const variables = fnProps('exportWrite').Environment.Variables;
    expect(statefulOutput(variables[EnvNames.exportBucket])).toEqual(statefulRef(stateful.exportBucket));
    expect(variables[EnvNames.apiUrl]).toBe('https://api.example.test');
    expect(Object.keys(fnProps('none').Environment.Variables)).not.toEqual(expect.arrayContaining([EnvNames.exportBucket, EnvNames.apiUrl]));
  });

  test('exports bucket read: reads exports under exports/ only, writes none', () => {
    expect(actionsOf('exportRead')).toEqual(expect.arrayContaining(['s3:GetObject*', 'kms:Decrypt']));
    expect(actionsOf('exportRead').filter((action) => /^s3:(Put|Delete)/.test(action))).toEqual([]);
    expect(objectScopes('exportRead', 's3:GetObject*')).toEqual(['bucket', '/exports/*']);
  });

  test('webhook secret: reads that one secret, knows its ARN', () => {
    const statement = statementsOf('webhookSecret').find((candidate) => [candidate.Action].flat().includes('secretsmanager:GetSecretValue'))!;
    expect(statefulOutput(statement.Resource as never)).toEqual(statefulRef(stateful.webhookSecret));
    expect(statefulOutput(fnProps('webhookSecret').Environment.Variables[EnvNames.webhookSecretArn])).toEqual(statefulRef(stateful.webhookSecret));
  });

  test('hash key: reads that one secret (decrypting through Secrets Manager only), knows its ARN', () => {
    const reads = statementsOf('hashKey').filter((candidate) => [candidate.Action].flat().some((action) => action.startsWith('secretsmanager:')));
    expect(reads).toHaveLength(1);
    expect(statefulOutput(reads[0]!.Resource as never)).toEqual(statefulRef(stateful.hashKey));
    expect(statefulOutput(fnProps('hashKey').Environment.Variables[EnvNames.hashKeyArn])).toEqual(statefulRef(stateful.hashKey));
    for (const other of Object.keys(probes).filter((id) => id !== 'hashKey')) {
      expect(Object.keys(fnProps(other).Environment?.Variables ?? {})).not.toContain(EnvNames.hashKeyArn);
    }
  });

  test('queue sender: sends to that one queue and nothing else of it, knows its URL', () => {
    const queueId = { 'Fn::GetAtt': [probeStack.getLogicalId(queue.queue.node.defaultChild as CfnResource), 'Arn'] };
    const sends = statementsOf('queueSender').filter((statement) => [statement.Action].flat().some((action) => action.startsWith('sqs:')));
    expect(sends).toEqual([expect.objectContaining({ Resource: queueId })]);
    expect(sends.flatMap((statement) => [statement.Action].flat()).filter((action) => /^sqs:(Receive|Delete|Purge)/.test(action))).toEqual([]);
    expect(fnProps('queueSender').Environment.Variables[EnvNames.faxQueue]).toEqual({ Ref: probeStack.getLogicalId(queue.queue.node.defaultChild as CfnResource) });
    expect(Object.keys(fnProps('none').Environment.Variables)).not.toContain(EnvNames.faxQueue);
  });

  test('send email: ses:SendEmail only, on the sender identity and the configuration set only, knows both names', () => {
    const sesStatements = statementsOf('sendEmail').filter((statement) => [statement.Action].flat().some((action) => action.startsWith('ses:')));
    expect(sesStatements).toHaveLength(1);
    expect(sesStatements[0]!.Action).toBe('ses:SendEmail');
    const resources = JSON.stringify(sesStatements[0]!.Resource);
    expect([sesStatements[0]!.Resource].flat()).toHaveLength(2);
    expect(resources).not.toMatch(/"\*"|identity\/\*|configuration-set\/\*/);
    expect(resources).toContain(':identity/');
    expect(resources).toContain(':configuration-set/');
    const variables = fnProps('sendEmail').Environment.Variables;
    expect(variables[EnvNames.emailSender]).toBe(stageConfig('prod').senderEmail);
    expect(statefulOutput(variables[EnvNames.emailConfigurationSet])).toEqual(statefulRef(stateful.emailSending.configurationSet));
    for (const other of Object.keys(probes).filter((id) => id !== 'sendEmail')) {
      expect(actionsOf(other).filter((action) => action.startsWith('ses:'))).toEqual([]);
      expect(Object.keys(fnProps(other).Environment?.Variables ?? {})).not.toContain(EnvNames.emailSender);
    }
  });

  test.each([
    ['loginsProvision', ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminGetUser', 'cognito-idp:AdminSetUserPassword', 'cognito-idp:AdminUpdateUserAttributes', 'cognito-idp:ListUsers']],
    ['loginsLifecycle', ['cognito-idp:AdminDeleteUser', 'cognito-idp:AdminDisableUser', 'cognito-idp:AdminUpdateUserAttributes', 'cognito-idp:AdminUserGlobalSignOut', 'cognito-idp:ListUsers']],
    ['loginsDescribe', ['cognito-idp:AdminGetUser']],
  ])('logins (%s): exactly the actions of its operations (Admin*, and ListUsers to find the holder of an email alias), on the user pool only, knows the pool id', (id, expected) => {
    const grants = statementsOf(id).filter((statement) => [statement.Action].flat().some((action) => action.startsWith('cognito-idp:')));
    expect(grants).toHaveLength(1);
    expect([grants[0]!.Action].flat().sort()).toEqual(expected);
    expect(statefulOutput(grants[0]!.Resource as never)).toEqual({ 'Fn::GetAtt': [stateful.getLogicalId(stateful.userPool.node.defaultChild as CfnResource), 'Arn'] });
    expect(statefulOutput(fnProps(id).Environment.Variables[EnvNames.userPoolId])).toEqual(statefulRef(stateful.userPool));
  });

  test('no wildcard action on the user pool, and no pool for a function that declares no logins', () => {
    const cognitoActions = Object.keys(probes).flatMap((id) => actionsOf(id).filter((action) => action.startsWith('cognito-idp:')).map((action) => [id, action]));
    expect(cognitoActions.filter(([, action]) => action.includes('*'))).toEqual([]);
    expect(new Set(cognitoActions.map(([id]) => id))).toEqual(new Set(['loginsProvision', 'loginsLifecycle', 'loginsDescribe']));
    expect(Object.keys(fnProps('none').Environment.Variables)).not.toContain(EnvNames.userPoolId);
  });

  test('idTokens: knows the user pool’s issuer and web client, with no permission on the pool; no other function does', () => {
    const variables = fnProps('idTokens').Environment.Variables;
    expect(JSON.stringify(variables[EnvNames.userPoolIssuer])).toContain('https://cognito-idp.');
    expect(statefulOutput(variables[EnvNames.userPoolClientId])).toEqual(statefulRef(stateful.userPoolClient));
    expect(actionsOf('idTokens').filter((action) => action.startsWith('cognito-idp:'))).toEqual([]);
    for (const other of Object.keys(probes).filter((id) => id !== 'idTokens')) {
      expect(Object.keys(fnProps(other).Environment?.Variables ?? {})).not.toContain(EnvNames.userPoolClientId);
    }
  });

  test('cdk-nag finds nothing unacknowledged in any binding', () => {
    app.synth();
    for (const pack of [new AwsSolutionsChecks(), new ServerlessChecks()]) {
      // The probes sit behind no trigger, so the DLQ question (answered per trigger in the stack) stays open here.
      const violations = pack.validateScope(probeStack).violations.filter((violation) => violation.ruleName !== 'Serverless-LambdaDLQ');
      expect(violations).toEqual([]);
    }
  });
});

// The one place the stacks' real bundling runs in the tests (local esbuild, no Docker): the openapi
// function's asset, as deployed.
describe('the openapi function as bundled by the stacks', () => {
  let outdir: string;
  let asset: string;

  beforeAll(() => {
    // Prepare: bundling on for this stack only; each function names its asset's directory
    outdir = mkdtempSync(join(tmpdir(), 'fax-openapi-asset-'));
    const app = new App({
      outdir,
      context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': ['OpenapiBundle'], 'aws:cdk:enable-asset-metadata': true },
    });
    const stateful = new StatefulStack(app, 'Stateful', { config: stageConfig('prod') });
    const stack = new Stack(app, 'OpenapiBundle');
    const queue = new WorkQueue(stack, 'Queue', { config: stageConfig('prod'), visibilityTimeoutSeconds: 60, maxReceiveCount: 5 });
    const { fn } = houseFunction(stack, stateful, queue, 'Openapi', openapi);

    // Act
    app.synth();
    asset = join(outdir, (fn.node.defaultChild as CfnResource).getMetadata('aws:asset:path') as string);
  }, 120_000);

  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  test('carries the document, generated at synthesis, beside the bundle', () => {
    // Assess
    expect(readdirSync(asset).sort()).toEqual(['index.mjs', 'index.mjs.map', 'openapi.json']);
    expect(JSON.parse(readFileSync(join(asset, 'openapi.json'), 'utf8'))).toEqual(apiDocument());
  });

  test('holds no generator and serves the document from the file', () => {
    // Prepare: the bundle is ESM; a Node of its own imports it and answers one request, as Lambda would
    const event = httpEvent({ method: 'GET', path: '/openapi.json' });
    const invoke = `const { handler } = await import('./index.mjs');
      const response = await handler(JSON.parse(process.argv[1]), { functionName: 'openapi', awsRequestId: 'r', getRemainingTimeInMillis: () => 5000 });
      console.log(JSON.stringify(response));`;

    // Act: the response is the last line, after the function's log lines
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', invoke, JSON.stringify(event)], { cwd: asset, encoding: 'utf8' });
    const response = JSON.parse(output.trim().split('\n').at(-1) ?? '');

    // Assess
    const holdsTheGenerator = readFileSync(join(asset, 'index.mjs'), 'utf8').includes('securitySchemes');
    expect(holdsTheGenerator).toBe(false);
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual(apiDocument());
  });
});
