import { Annotations, CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StringAttribute,
  UserPool,
  UserPoolEmail,
  type StandardAttributesMask,
  UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type LifecycleRule } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { FAXES_PREFIX, RETENTION_DAYS, RETENTION_TAG, UPLOAD_LIFETIME_DAYS, UPLOADS_PREFIX } from '../shared/faxes/fax';
import { POINT_IN_TIME_RECOVERY_DAYS } from '../shared/privacy/retention';
import { EXPORT_LINK_DAYS } from '../shared/rights/export-link';
import type { StageConfig } from './config';
import { EmailSending } from './constructs/email-sending';
import { tableSchema, userPoolSchema } from './resources';

export interface StatefulStackProps extends StackProps {
  config: StageConfig;
}

// CDK's names of the standard attributes userPoolSchema names in Cognito's terms.
const STANDARD_ATTRIBUTES: Record<string, keyof StandardAttributesMask> = { email: 'email', email_verified: 'emailVerified' };

/** Cognito attribute names (`email`, `custom:accountId`) as CDK's client attributes. */
const clientAttributes = (names: readonly string[]): ClientAttributes =>
  names.reduce((attributes, name) => {
    if (name.startsWith('custom:')) return attributes.withCustomAttributes(name);
    const standard = STANDARD_ATTRIBUTES[name];
    if (!standard) throw new Error(`no CDK name for the standard attribute ${name}`);
    return attributes.withStandardAttributes({ [standard]: true });
  }, new ClientAttributes());

/** Data that outlives deployments: retained on stack deletion, encrypted with one customer-managed key. */
export class StatefulStack extends Stack {
  readonly key: Key;
  readonly table: Table;
  readonly faxBucket: Bucket;
  readonly exportBucket: Bucket;
  readonly accessLogBucket: Bucket;
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  readonly webhookSecret: Secret;
  readonly hashKey: Secret;
  readonly emailSending: EmailSending;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);

    this.key = new Key(this, 'DataKey', {
      description: 'Encrypts the fax service data: table, fax documents, exports, secrets',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.table = this.createTable(props.config);
    this.accessLogBucket = this.createAccessLogBucket(props.config);
    this.faxBucket = this.createFaxBucket();
    this.exportBucket = this.createExportBucket();
    // Kept with the data: a recreated identity gets new DKIM tokens, and DNS would have to follow.
    this.emailSending = new EmailSending(this, 'EmailSending', { senderEmail: props.config.senderEmail });
    this.userPool = this.createUserPool(props.config);
    const { webClient } = userPoolSchema;
    this.userPoolClient = this.userPool.addClient('WebClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      // Sign-in is SRP from the web client; no hosted UI, so no OAuth flows to leave open.
      disableOAuth: true,
      preventUserExistenceErrors: true,
      readAttributes: clientAttributes(webClient.readAttributes),
      // Clients write no attribute: custom:accountId in particular must only ever be set by the backend.
      writeAttributes: clientAttributes(webClient.writeAttributes),
      idTokenValidity: Duration.hours(webClient.tokenValidity.idTokenHours),
      accessTokenValidity: Duration.hours(webClient.tokenValidity.accessTokenHours),
      refreshTokenValidity: Duration.days(webClient.tokenValidity.refreshTokenDays),
    });

    this.webhookSecret = new Secret(this, 'GatewayWebhookSecret', {
      description:
        'Standard Webhooks signing secret(s) shared with the fax gateways: whsec_<base64>, whitespace-separated while one is rotated out; set with put-secret-value',
      encryptionKey: this.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.webhookSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The secret is shared with the fax gateways, so a Secrets Manager rotation Lambda cannot rotate it alone; rotation is coordinated with each gateway by adding a second signing secret (Standard Webhooks accepts several signatures) and removing the old one afterwards.',
    });

    this.hashKey = new Secret(this, 'HashKey', {
      description:
        'Pseudonymisation key: HMAC-SHA256 key of the keyed digests the table keeps instead of personal values (receipt fingerprints, email hashes); never rotated',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      encryptionKey: this.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.hashKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The key of the HMAC digests stored in the table (receipt fingerprints, email hashes): a rotated key would no longer match any stored digest, so duplicate faxes and suppressed emails would go unrecognised. It is generated once and never rotated.',
    });

    // What a web client needs to sign in.
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId });
  }

  private createTable(config: StageConfig): Table {
    const { partitionKey, sortKey, globalIndexes, ttlAttribute } = tableSchema;
    const table = new Table(this, 'Table', {
      partitionKey: { name: partitionKey, type: AttributeType.STRING },
      sortKey: { name: sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: POINT_IN_TIME_RECOVERY_DAYS },
      deletionProtection: true,
      timeToLiveAttribute: ttlAttribute,
      removalPolicy: RemovalPolicy.RETAIN,
      ...(config.tableWarmWritesPerSecond === undefined ? {} : { warmThroughput: { writeUnitsPerSecond: config.tableWarmWritesPerSecond } }),
    });
    for (const index of globalIndexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }
    return table;
  }

  private createAccessLogBucket(config: StageConfig): Bucket {
    return new Bucket(this, 'AccessLogBucket', {
      // S3 server access logging only delivers to buckets with S3-managed keys.
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: config.accessLogExpiration }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /**
   * A bucket of personal data: private, KMS-encrypted with the data key, TLS only, logged, retained;
   * not versioned, so a deleted or expired object is gone, not kept as a noncurrent version.
   */
  private personalDataBucket(id: string, logPrefix: string, lifecycleRules: LifecycleRule[]): Bucket {
    return new Bucket(this, id, {
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: false,
      serverAccessLogsBucket: this.accessLogBucket,
      serverAccessLogsPrefix: logPrefix,
      lifecycleRules,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  // Fax keys are unique per fax, so nothing is ever overwritten that versioning would protect.
  private createFaxBucket(): Bucket {
    return this.personalDataBucket('FaxBucket', 'fax-bucket/', [
      {
        id: 'expire-faxes',
        // The code's own retention (API.md, privacy policy): the lifecycle is the backstop of TTL and
        // the sweep. Documents tagged `standard` only: one a legal hold keeps is re-tagged
        // `legal-hold` and outlives its retention until the hold ends (shared/legal/holds.ts).
        prefix: FAXES_PREFIX,
        tagFilters: { [RETENTION_TAG.key]: RETENTION_TAG.standard },
        expiration: Duration.days(RETENTION_DAYS),
        // Inert while the bucket is unversioned; bounds old versions should versioning ever be
        // turned on (say, for replication).
        noncurrentVersionExpiration: Duration.days(1),
      },
      // S3 refuses a rule with tag filters that aborts multipart uploads: that is its own rule.
      { id: 'abort-incomplete-multipart-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      // Uploads are copied into faxes/ when their fax arrives; an unused one goes after its lifetime.
      { id: 'expire-unused-uploads', prefix: UPLOADS_PREFIX, expiration: Duration.days(UPLOAD_LIFETIME_DAYS) },
    ]);
  }

  /**
   * Access and portability exports: apart from the faxes, with their own short life. A
   * redelivered request's export replaces its earlier one, which leaves no older copy behind.
   */
  private createExportBucket(): Bucket {
    return this.personalDataBucket('ExportBucket', 'export-bucket/', [
      {
        id: 'expire-exports',
        // As long as the emailed link works (shared/rights/export-link.ts); the link expires first.
        expiration: Duration.days(EXPORT_LINK_DAYS),
        noncurrentVersionExpiration: Duration.days(1),
        abortIncompleteMultipartUploadAfter: Duration.days(1),
      },
    ]);
  }

  /**
   * Cognito's own emails (a forgotten password's code) go through the service's SES identity and
   * configuration set, so they share its sending quota, TLS and bounce handling; Cognito's
   * built-in sender allows about 50 a day. Cognito refuses an identity SES has not verified, so a
   * stage uses the built-in sender until its operator sets `<stage>:senderVerified`.
   */
  private userPoolEmail(config: StageConfig): UserPoolEmail {
    const { senderEmail, domain, configurationSet } = this.emailSending;
    if (config.senderVerified) {
      return UserPoolEmail.withSES({
        fromEmail: senderEmail,
        configurationSetName: configurationSet.configurationSetName,
        sesVerifiedDomain: domain,
        // The identity is this stack's; named, since an environment-agnostic synthesis knows no region.
        sesRegion: this.region,
      });
    }
    Annotations.of(this).addWarningV2(
      'fax:cognito-default-email',
      `Cognito sends its own emails (about 50 a day) until ${config.stage}:senderVerified=true: set it once SES shows the sender's domain verified`,
    );
    return UserPoolEmail.withCognito();
  }

  private createUserPool(config: StageConfig): UserPool {
    const { passwordPolicy } = userPoolSchema;
    const pool = new UserPool(this, 'UserPool', {
      // Logins are created by the backend (the account.created consumer), never by Cognito sign-up;
      // it suppresses Cognito's invitation and sends its own through its email pipeline.
      selfSignUpEnabled: false,
      // Usernames are accountIds; the (verified) email signs in as their alias.
      signInAliases: { username: true, email: userPoolSchema.aliasAttributes.includes('email') },
      signInCaseSensitive: false,
      standardAttributes: { email: { required: true, mutable: true } },
      autoVerify: { email: true },
      keepOriginal: { email: true },
      customAttributes: Object.fromEntries(userPoolSchema.customAttributes.map((name) => [name, new StringAttribute({ mutable: false })])),
      passwordPolicy: {
        minLength: passwordPolicy.minLength,
        requireLowercase: passwordPolicy.requireLowercase,
        requireUppercase: passwordPolicy.requireUppercase,
        requireDigits: passwordPolicy.requireDigits,
        requireSymbols: passwordPolicy.requireSymbols,
        tempPasswordValidity: Duration.days(passwordPolicy.temporaryPasswordValidityDays),
      },
      // Fax documents are sensitive: a second factor (an authenticator app; SMS is phishable) is required.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: config.threatProtection,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      email: this.userPoolEmail(config),
    });
    pool.node.addDependency(this.emailSending.identity);
    for (const group of userPoolSchema.groups) {
      pool.addGroup(`${group.name[0].toUpperCase()}${group.name.slice(1)}Group`, { groupName: group.name, description: group.description });
    }
    return pool;
  }
}
