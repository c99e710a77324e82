import { resolve } from 'node:path';
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData, type Metric } from 'aws-cdk-lib/aws-cloudwatch';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, Grant, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { ApplicationLogLevel, Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type BundlingOptions, type ICommandHooks } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Bucket, type IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
// How cdk-nag writes a resource into a finding's id; acknowledgements must use the same text.
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import { Construct } from 'constructs';
import { LOGIN_ACTIONS } from '../../shared/adapters/cognito/login-actions';
import { EXPORTS_PREFIX } from '../../shared/rights/export-link';
import { entryOf, type FunctionAccess, type FunctionDeclaration } from '../../functions/declaration';
import { environmentFor, houseEnvironment, userPoolIssuer } from '../bindings';
import { bundleExtras, esbuildOptions, type BundleExtras } from '../bundling';
import type { StageConfig } from '../config';
import type { QueueName } from '../resources';
import { APPEND_ONLY, TABLE_READ_ACTIONS, TABLE_WRITE_ACTIONS, leadingKeyPatterns, type TableKeyPrefix } from '../table-access';
import type { EmailSending } from './email-sending';

const REPO_ROOT = resolve(__dirname, '..', '..');
const BUNDLE_FILES_SCRIPT = resolve(__dirname, '..', 'bundle-files.ts');

/** The house esbuild options in NodejsFunction's terms; local esbuild only, never Docker. */
const bundling: BundlingOptions = {
  format: { esm: OutputFormat.ESM, cjs: OutputFormat.CJS }[esbuildOptions.format],
  target: esbuildOptions.target,
  minify: esbuildOptions.minify,
  sourceMap: esbuildOptions.sourcemap,
  sourcesContent: esbuildOptions.sourcesContent,
  mainFields: esbuildOptions.mainFields,
  externalModules: esbuildOptions.external,
  banner: esbuildOptions.banner.js,
  forceDockerBundling: false,
};

const shellQuoted = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

/**
 * Writes a function's extra files beside its bundle (infra/bundle-files.ts, in a Node of its own:
 * CDK builds the hooks' commands even for a synthesis that skips bundling, so making the files
 * must wait for the command to run; and a file's text cannot travel on the command line, capped at
 * 128 KiB an argument on Linux, while the document grows with the API).
 */
const filesBesideTheBundle = (functionName: string, { files }: BundleExtras): ICommandHooks => ({
  beforeBundling: () => [],
  beforeInstall: () => [],
  afterBundling: (_inputDir, outputDir) =>
    Object.keys(files).length === 0
      ? []
      : [[process.execPath, '--import', 'tsx', BUNDLE_FILES_SCRIPT, functionName, outputDir].map(shellQuoted).join(' ')],
});

/** The resources a declaration's `access` can name. */
export interface FunctionResources {
  table: ITable;
  faxBucket: IBucket;
  exportBucket: IBucket;
  /** The HTTP API's base URL. */
  apiUrl: string;
  webhookSecret: ISecret;
  hashKey: ISecret;
  emailSending: EmailSending;
  queues: Record<QueueName, IQueue>;
  userPool: IUserPool;
  /** The web client whose ID tokens `idTokens` functions accept. */
  userPoolClient: IUserPoolClient;
}

type AccessMode = NonNullable<FunctionAccess['table']>;

// The data key's actions for reading and for writing what it encrypts (those of CDK's grants).
const KEY_READ_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey'];
const KEY_WRITE_ACTIONS = [...KEY_READ_ACTIONS, 'kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'];

const dynamodbActions = (actions: readonly string[]): string[] => actions.map((action) => `dynamodb:${action}`);

export interface HouseFunctionProps {
  declaration: FunctionDeclaration;
  config: StageConfig;
  resources: FunctionResources;
}

/**
 * A function the house way: Node 22 on arm64, ESM bundle with source maps and the AWS SDK inside,
 * active tracing, JSON logs in its own log group, and errors/throttles alarms. The declaration
 * sets memory, timeout, reserved concurrency and what it may touch.
 */
export class HouseFunction extends Construct {
  readonly declaration: FunctionDeclaration;
  readonly fn: NodejsFunction;
  readonly logGroup: LogGroup;
  readonly errorsAlarm: Alarm;
  readonly throttlesAlarm: Alarm;
  private readonly role: Role;
  private readonly acknowledged = new Set<string>();

  constructor(scope: Construct, id: string, props: HouseFunctionProps) {
    super(scope, id);
    const { declaration, config } = props;
    this.declaration = declaration;

    this.logGroup = new LogGroup(this, 'Logs', { retention: config.logs.retention, removalPolicy: config.logs.removalPolicy });
    // Own role instead of AWSLambdaBasicExecutionRole: writes to this log group only.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${declaration.name}`,
    });
    this.logGroup.grantWrite(this.role);

    const extras = bundleExtras(declaration.name);
    this.fn = new NodejsFunction(this, 'Function', {
      entry: resolve(REPO_ROOT, entryOf(declaration)),
      projectRoot: REPO_ROOT,
      depsLockFilePath: resolve(REPO_ROOT, 'package-lock.json'),
      handler: 'handler',
      description: declaration.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: declaration.memoryMb,
      timeout: Duration.seconds(declaration.timeoutSeconds),
      reservedConcurrentExecutions: config.reserveConcurrency ? declaration.reservedConcurrency : undefined,
      tracing: Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel[config.logs.level],
      environment: houseEnvironment(config.logs.level, config.stage),
      bundling: { ...bundling, define: extras.define, commandHooks: filesBesideTheBundle(declaration.name, extras) },
    });
    this.acknowledgeOnRole(
      'AwsSolutions-IAM5[Resource::*]',
      'Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions, so AWS requires Resource "*".',
    );
    for (const id of ['AwsSolutions-L1', 'Serverless-LambdaLatestVersion']) {
      Validations.of(this.fn).acknowledge({
        id,
        reason:
          'nodejs22.x on purpose: the bundle targets node22 (infra/bundling.ts) and the benchmark measures that artefact; moving to a newer runtime changes runtime and target together, deliberately.',
      });
    }
    this.bind(declaration.access, props.resources, config);

    const { alarms } = config;
    const alarmOn = (alarmId: string, what: string, metric: Metric, threshold: number): Alarm =>
      new Alarm(this, alarmId, {
        alarmDescription: `${declaration.name}: ${what}`,
        metric: metric.with({ period: alarms.period, statistic: 'Sum' }),
        threshold,
        evaluationPeriods: alarms.evaluationPeriods,
        datapointsToAlarm: alarms.datapointsToAlarm,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
    this.errorsAlarm = alarmOn('ErrorsAlarm', 'invocations failing', this.fn.metricErrors(), alarms.functionErrors);
    this.throttlesAlarm = alarmOn('ThrottlesAlarm', 'invocations throttled', this.fn.metricThrottles(), alarms.functionThrottles);
  }

  /**
   * Grants what the declaration's `access` asks for and sets the matching environment (the same
   * mapping the local runtime uses), together, so no function holds a name it may not use.
   */
  private bind(access: FunctionAccess, resources: FunctionResources, { adminEmail, sesMaxSendRate }: Pick<StageConfig, 'adminEmail' | 'sesMaxSendRate'>): void {
    if (access.table) this.grantTable(resources.table, access.table, access.tableKeys);
    if (access.faxBucket) this.grantFaxBucket(resources.faxBucket, access.faxBucket);
    if (access.exportBucket) this.grantExportBucket(resources.exportBucket, access.exportBucket, access.exportPrefix ?? EXPORTS_PREFIX);
    if (access.webhookSecret) this.grantSecretRead(resources.webhookSecret);
    if (access.hashKey) this.grantSecretRead(resources.hashKey);
    if (access.sendEmail) this.grantSendEmail(resources.emailSending);
    for (const queue of access.sendTo ?? []) resources.queues[queue].grantSendMessages(this.fn);
    if (access.logins?.length) this.grantLogins(resources.userPool, access.logins);
    const environment = environmentFor(access, {
      tableName: resources.table.tableName,
      faxBucketName: resources.faxBucket.bucketName,
      exportBucketName: resources.exportBucket.bucketName,
      apiUrl: resources.apiUrl,
      queueUrls: Object.fromEntries(Object.entries(resources.queues).map(([name, queue]) => [name, queue.queueUrl])) as Record<QueueName, string>,
      webhookSecret: { arn: resources.webhookSecret.secretArn },
      hashKey: { arn: resources.hashKey.secretArn },
      email: {
        sender: resources.emailSending.senderEmail,
        configurationSet: resources.emailSending.configurationSet.configurationSetName,
        admins: adminEmail,
        maxSendRate: sesMaxSendRate,
      },
      userPoolId: resources.userPool.userPoolId,
      userPoolIssuer: userPoolIssuer(`https://cognito-idp.${resources.userPool.env.region}.amazonaws.com`, resources.userPool.userPoolId),
      userPoolClientId: resources.userPoolClient.userPoolClientId,
    });
    for (const [name, value] of Object.entries(environment)) this.fn.addEnvironment(name, value);
  }

  /**
   * The table's items by the declared actions, never Scan; confined to the declared key prefixes
   * (none: the indexes only). A writer may not change or remove an audit entry (an explicit Deny,
   * which no other statement can lift).
   */
  private grantTable(table: ITable, mode: AccessMode, keys: readonly TableKeyPrefix[]): void {
    const actions = mode === 'readWrite' ? [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS] : TABLE_READ_ACTIONS;
    // No declared prefix: the function reads through the indexes only.
    if (keys.length > 0) {
      this.role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: dynamodbActions(actions),
          resources: [table.tableArn],
          // Each key a request names (a batch's, a transaction's) must fall under a declared prefix.
          conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': leadingKeyPatterns(keys) } },
        }),
      );
    }
    // Index queries: LeadingKeys names the table's partition key, so they are confined to Query only.
    this.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['dynamodb:Query'], resources: [`${table.tableArn}/index/*`] }));
    if (mode === 'readWrite') {
      this.role.addToPrincipalPolicy(
        new PolicyStatement({
          effect: Effect.DENY,
          actions: dynamodbActions(APPEND_ONLY.deniedActions),
          resources: [table.tableArn],
          conditions: { 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': leadingKeyPatterns(APPEND_ONLY.prefixes) } },
        }),
      );
      this.acknowledgeKeyWrites();
    }
    this.grantKeyThrough(table.encryptionKey, 'dynamodb', mode === 'readWrite' ? KEY_WRITE_ACTIONS : KEY_READ_ACTIONS);
    this.acknowledgeWildcardResource(
      `${table.tableArn}/index/*`,
      "Queries on the table's global secondary indexes, named as <table ARN>/index/*, within that one table; Query only.",
    );
  }

  /** The data key, only as the service that stores with it uses it on the function's behalf (`kms:ViaService`). */
  private grantKeyThrough(key: IKey | undefined, service: 'dynamodb' | 's3' | 'secretsmanager', actions: readonly string[]): void {
    if (!key) return;
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [...new Set(actions)],
        resources: [key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `${service}.${Stack.of(this).region}.amazonaws.com` } },
      }),
    );
  }

  // CDK's bucket grants would also grant the bucket's key, with no condition: they get the bucket
  // without its key, and the key is granted through S3 only.
  private withoutKey(id: string, bucket: IBucket): IBucket {
    return Bucket.fromBucketAttributes(this, id, { bucketArn: bucket.bucketArn, bucketName: bucket.bucketName });
  }

  // Each grant is confined to the key prefixes the declaration names (faxes/*, uploads/*).
  private grantFaxBucket(faxBucket: IBucket, access: NonNullable<FunctionAccess['faxBucket']>): void {
    const bucket = this.withoutKey('FaxBucket', faxBucket);
    const actions: string[] = [];
    for (const prefix of access.read ?? []) {
      bucket.grantRead(this.fn, `${prefix}/*`);
      actions.push('s3:GetObject*', 's3:GetBucket*', 's3:List*');
    }
    for (const prefix of access.write ?? []) {
      bucket.grantPut(this.fn, `${prefix}/*`);
      actions.push('s3:Abort*');
      this.acknowledgeKeyWrites();
    }
    for (const prefix of access.delete ?? []) {
      bucket.grantDelete(this.fn, `${prefix}/*`);
      actions.push('s3:DeleteObject*');
    }
    if (access.write?.length) this.grantKeyThrough(faxBucket.encryptionKey, 's3', KEY_WRITE_ACTIONS);
    else if (access.read?.length) this.grantKeyThrough(faxBucket.encryptionKey, 's3', KEY_READ_ACTIONS);
    for (const action of new Set(actions)) {
      this.acknowledgeOnRole(
        `AwsSolutions-IAM5[Action::${action}]`,
        `${action} comes from CDK's bucket grant (object versions, tags and parts included), on the declared bucket and key prefixes only.`,
      );
    }
    const prefixes = new Set([...(access.read ?? []), ...(access.write ?? []), ...(access.delete ?? [])]);
    for (const prefix of prefixes) {
      this.acknowledgeWildcardResource(
        bucket.arnForObjects(`${prefix}/*`),
        `The function works on objects under ${prefix}/ of the fax bucket (one per fax or upload): CDK's grant names them as <bucket ARN>/${prefix}/*.`,
      );
    }
  }

  // One prefix only (rights exports, or legal productions): writers put (multipart included), readers get and presign.
  private grantExportBucket(exportBucket: IBucket, mode: NonNullable<FunctionAccess['exportBucket']>, prefix: string): void {
    const bucket = this.withoutKey('ExportBucket', exportBucket);
    const objects = `${prefix}/*`;
    this.grantKeyThrough(exportBucket.encryptionKey, 's3', mode === 'write' ? KEY_WRITE_ACTIONS : KEY_READ_ACTIONS);
    const actions = mode === 'write' ? ['s3:Abort*', 's3:DeleteObject*'] : ['s3:GetObject*', 's3:GetBucket*', 's3:List*'];
    if (mode === 'write') {
      bucket.grantPut(this.fn, objects);
      // An erasure deletes the person's exports.
      bucket.grantDelete(this.fn, objects);
      this.acknowledgeKeyWrites();
    } else bucket.grantRead(this.fn, objects);
    for (const action of actions) {
      this.acknowledgeOnRole(
        `AwsSolutions-IAM5[Action::${action}]`,
        `${action} comes from CDK's bucket grant (object versions, tags and parts included), on the declared bucket and key prefixes only.`,
      );
    }
    this.acknowledgeWildcardResource(
      bucket.arnForObjects(objects),
      `The function works on the objects under ${prefix}/ of the exports bucket (one per rights request or legal request): CDK's grant names them as <bucket ARN>/${objects}.`,
    );
  }

  /** Exactly the pool actions of the declared login operations, on that pool only. */
  private grantLogins(userPool: IUserPool, operations: NonNullable<FunctionAccess['logins']>): void {
    userPool.grant(this.fn, ...new Set(operations.flatMap((operation) => LOGIN_ACTIONS[operation])));
  }

  private grantSecretRead(secret: ISecret): void {
    // Not secret.grantRead: it also names this role in the key policy of the stateful stack, a
    // dependency cycle. That key policy already lets IAM allow decryption through Secrets Manager.
    Grant.addToPrincipal({
      grantee: this.fn,
      actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
      resourceArns: [secret.secretArn],
    });
    this.grantKeyThrough(secret.encryptionKey, 'secretsmanager', ['kms:Decrypt']);
  }

  // SES v2 SendEmail authorizes the sending identity and the configuration set the email names: only those two.
  private grantSendEmail(emailSending: EmailSending): void {
    Grant.addToPrincipal({
      grantee: this.fn,
      actions: ['ses:SendEmail'],
      resourceArns: [emailSending.identity.emailIdentityArn, emailSending.configurationSetArn],
    });
  }

  private acknowledgeKeyWrites(): void {
    for (const action of ['kms:GenerateDataKey*', 'kms:ReEncrypt*']) {
      this.acknowledgeOnRole(
        `AwsSolutions-IAM5[Action::${action}]`,
        `${action} is how CDK's grants name writing data encrypted with the data key (table items, documents, exports): on that one key, and only through DynamoDB or S3 (kms:ViaService).`,
      );
    }
  }

  private acknowledgeOnRole(id: string, reason: string): void {
    if (this.acknowledged.has(id)) return;
    this.acknowledged.add(id);
    Validations.of(this.role).acknowledge({ id, reason });
  }

  // The finding quotes the resource as this template holds it, a cross-stack reference known only
  // once CDK resolves references at synthesis; node validations run after that and before cdk-nag.
  private acknowledgeWildcardResource(resource: string, reason: string): void {
    this.node.addValidation({
      validate: () => {
        this.acknowledgeOnRole(`AwsSolutions-IAM5[Resource::${flattenCfnReference(Stack.of(this).resolve(resource))}]`, reason);
        return [];
      },
    });
  }
}
