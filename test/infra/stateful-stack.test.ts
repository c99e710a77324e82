import { Stack, type CfnElement, type CfnResource } from 'aws-cdk-lib';
import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import { stages } from '../../infra/config';
import { tableSchema } from '../../infra/resources';
import { PASSWORD_POLICY } from '../../shared/accounts/password-policy';
import { FAXES_PREFIX, RETENTION_DAYS, RETENTION_TAG, UPLOAD_LIFETIME_DAYS, UPLOADS_PREFIX } from '../../shared/faxes/fax';
import { EXPORT_LINK_DAYS } from '../../shared/rights/export-link';
import { stageConfig, synthesize, type SynthesizedStage } from './synth';

describe.each(stages)('stateful stack (%s)', (stage) => {
  let synthesized: SynthesizedStage;
  let template: Template;
  const logicalId = (construct: { node: { defaultChild?: unknown } }): string =>
    synthesized.stateful.getLogicalId(construct.node.defaultChild as CfnElement);
  const keyArn = () => ({ 'Fn::GetAtt': [logicalId(synthesized.stateful.key), 'Arn'] });
  /** A bucket of personal data as the stack makes them: retained, unversioned, private, KMS with the data key, access-logged. */
  const expectPersonalDataBucket = (bucket: { DeletionPolicy: string; Properties: Record<string, unknown> }, logPrefix: string) => {
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties.VersioningConfiguration).toBeUndefined();
    expect(bucket.Properties).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn() } }],
      },
      LoggingConfiguration: { DestinationBucketName: { Ref: logicalId(synthesized.stateful.accessLogBucket) }, LogFilePrefix: logPrefix },
    });
  };

  beforeAll(() => {
    synthesized = synthesize(stage);
    template = synthesized.statefulTemplate;
  });

  test('the data key rotates and is retained', () => {
    template.hasResource('AWS::KMS::Key', {
      Properties: { EnableKeyRotation: true },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  describe('table', () => {
    test('has the single-table keys, on-demand billing and the TTL attribute', () => {
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        KeySchema: [
          { AttributeName: 'PK', KeyType: 'HASH' },
          { AttributeName: 'SK', KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        TimeToLiveSpecification: { AttributeName: 'expiresAtEpoch', Enabled: true },
      });
    });

    test('has GSI1 on GSI1PK/GSI1SK and every index of the shared schema, all string keys', () => {
      const table = Object.values(template.findResources('AWS::DynamoDB::Table'))[0]!.Properties;
      expect(table.GlobalSecondaryIndexes).toContainEqual({
        IndexName: 'GSI1',
        KeySchema: [
          { AttributeName: 'GSI1PK', KeyType: 'HASH' },
          { AttributeName: 'GSI1SK', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      });
      expect(table.GlobalSecondaryIndexes.map((index: { IndexName: string }) => index.IndexName)).toEqual(
        tableSchema.globalIndexes.map((index) => index.indexName),
      );
      for (const attribute of table.AttributeDefinitions) expect(attribute.AttributeType).toBe('S');
    });

    test('keeps point-in-time recovery for 35 days (so an erased item leaves the backups 35 days after), deletion protection and is retained', () => {
      template.hasResource('AWS::DynamoDB::Table', {
        Properties: {
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 35 },
          DeletionProtectionEnabled: true,
        },
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
    });

    test(stage === 'prod' ? 'is warmed to 12,000 writes a second (1,000 faxes a second from the first)' : "keeps DynamoDB's default warm throughput", () => {
      const [table] = Object.values(template.findResources('AWS::DynamoDB::Table'));
      expect(table.Properties.WarmThroughput).toEqual(stage === 'prod' ? { WriteUnitsPerSecond: 12_000 } : undefined);
    });

    test('is encrypted with the customer-managed key', () => {
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: keyArn() },
      });
    });
  });

  describe('exports bucket', () => {
    const exportBucket = () => template.toJSON().Resources[logicalId(synthesized.stateful.exportBucket)];

    test(`expires exports after the link's lifetime (${EXPORT_LINK_DAYS} days), in its own lifecycle`, () => {
      expect(EXPORT_LINK_DAYS).toBe(7);
      expect(exportBucket().Properties.LifecycleConfiguration.Rules).toEqual([
        expect.objectContaining({ Status: 'Enabled', ExpirationInDays: EXPORT_LINK_DAYS, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
      ]);
      expect(logicalId(synthesized.stateful.exportBucket)).not.toBe(logicalId(synthesized.stateful.faxBucket));
    });

    test('is unversioned, private, KMS-encrypted with the data key, logged and retained (TLS only: below)', () => {
      expectPersonalDataBucket(exportBucket(), 'export-bucket/');
    });
  });

  describe('fax bucket', () => {
    const faxBucket = () => template.toJSON().Resources[logicalId(synthesized.stateful.faxBucket)];

    test("expires faxes after the code's retention (60 days), old versions and abandoned multipart uploads after 1 day", () => {
      expect(RETENTION_DAYS).toBe(60);
      expect(faxBucket().Properties.LifecycleConfiguration.Rules).toContainEqual(
        expect.objectContaining({ Status: 'Enabled', ExpirationInDays: RETENTION_DAYS, NoncurrentVersionExpiration: { NoncurrentDays: 1 } }),
      );
      expect(faxBucket().Properties.LifecycleConfiguration.Rules).toContainEqual(
        expect.objectContaining({ Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
      );
    });

    test('expires only the fax documents tagged with the standard retention: none a legal hold re-tagged, nothing by age alone', () => {
      const rules = faxBucket().Properties.LifecycleConfiguration.Rules as Record<string, any>[];
      const expiring = rules.filter((rule) => rule.ExpirationInDays !== undefined);
      // Every rule that deletes: the faxes' (tagged standard only) and the uploads' (their own prefix, never a fax document).
      expect(expiring).toEqual([
        expect.objectContaining({ Prefix: FAXES_PREFIX, TagFilters: [{ Key: RETENTION_TAG.key, Value: RETENTION_TAG.standard }], ExpirationInDays: RETENTION_DAYS }),
        expect.objectContaining({ Prefix: UPLOADS_PREFIX, ExpirationInDays: UPLOAD_LIFETIME_DAYS }),
      ]);
      expect(RETENTION_TAG.legalHold).not.toBe(RETENTION_TAG.standard);
      expect(FAXES_PREFIX.startsWith(UPLOADS_PREFIX) || UPLOADS_PREFIX.startsWith(FAXES_PREFIX)).toBe(false);
      // Abandoned multipart uploads are aborted by a rule that deletes no object.
      expect(rules.filter((rule) => rule.AbortIncompleteMultipartUpload !== undefined)).toEqual([
        expect.not.objectContaining({ ExpirationInDays: expect.anything() }),
      ]);
    });

    test("expires unused uploads after the code's upload lifetime (a day)", () => {
      expect(UPLOAD_LIFETIME_DAYS).toBe(1);
      expect(faxBucket().Properties.LifecycleConfiguration.Rules).toContainEqual(
        expect.objectContaining({ Prefix: UPLOADS_PREFIX, ExpirationInDays: UPLOAD_LIFETIME_DAYS, Status: 'Enabled' }),
      );
    });

    test('is unversioned (a deleted fax is gone), private, KMS-encrypted with the data key, logged and retained', () => {
      expectPersonalDataBucket(faxBucket(), 'fax-bucket/');
    });
  });

  test.each(['faxBucket', 'exportBucket', 'accessLogBucket'] as const)('%s denies every request without TLS', (name) => {
    const bucketId = logicalId(synthesized.stateful[name]);
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Principal: { AWS: '*' },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            Resource: [
              { 'Fn::GetAtt': [bucketId, 'Arn'] },
              { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/*']] },
            ],
          }),
        ]),
      },
    });
  });

  test('the access-log bucket is private, S3-encrypted (as log delivery requires), expires logs and is retained', () => {
    const bucket = template.toJSON().Resources[logicalId(synthesized.stateful.accessLogBucket)];
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties).toMatchObject({
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LifecycleConfiguration: { Rules: [expect.objectContaining({ ExpirationInDays: stageConfig(stage).accessLogExpiration.toDays() })] },
    });
  });

  describe('user pool', () => {
    test('admits no self sign-up; usernames are accountIds, with the verified email as their alias', () => {
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        AliasAttributes: ['email'],
        UsernameAttributes: Match.absent(),
        AutoVerifiedAttributes: ['email'],
        UsernameConfiguration: { CaseSensitive: false },
      });
    });

    test(stage === 'prod' ? "sends Cognito's own emails through the sender's verified SES identity and configuration set" : "keeps Cognito's built-in sender while the sender is unverified, and says so", () => {
      const { senderEmail, senderVerified } = stageConfig(stage);
      const domain = senderEmail.split('@')[1];
      const pool = Object.values(template.findResources('AWS::Cognito::UserPool'))[0]!;
      if (senderVerified) {
        expect(pool.Properties.EmailConfiguration).toEqual({
          EmailSendingAccount: 'DEVELOPER',
          From: senderEmail,
          SourceArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:identity/${domain}`]] },
          ConfigurationSet: { Ref: synthesized.stateful.getLogicalId(synthesized.stateful.emailSending.configurationSet.node.defaultChild as CfnResource) },
        });
        expect(pool.DependsOn).toEqual(expect.arrayContaining([synthesized.stateful.getLogicalId(synthesized.stateful.emailSending.identity.node.defaultChild as CfnResource)]));
      } else {
        expect(pool.Properties.EmailConfiguration).toEqual({ EmailSendingAccount: 'COGNITO_DEFAULT' });
        Annotations.fromStack(synthesized.stateful).hasWarning('*', Match.stringLikeRegexp(`${stage}:senderVerified=true`));
      }
    });

    test('requires the email attribute', () => {
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        Schema: Match.arrayWith([Match.objectLike({ Name: 'email', Required: true, Mutable: true })]),
      });
    });

    test('holds the account id as an immutable custom attribute', () => {
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        Schema: Match.arrayWith([{ Name: 'accountId', AttributeDataType: 'String', Mutable: false }]),
      });
    });

    test('requires strong passwords, a second factor and threat protection', () => {
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        Policies: {
          PasswordPolicy: {
            MinimumLength: PASSWORD_POLICY.minLength,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
            TemporaryPasswordValidityDays: PASSWORD_POLICY.temporaryPasswordValidityDays,
          },
        },
        MfaConfiguration: 'ON',
        UserPoolTier: 'PLUS',
        UserPoolAddOns: { AdvancedSecurityMode: stageConfig(stage).threatProtection },
        DeletionProtection: 'ACTIVE',
      });
      const { MinimumLength } = Object.values(template.findResources('AWS::Cognito::UserPool'))[0]!.Properties.Policies.PasswordPolicy;
      expect(MinimumLength).toBeGreaterThanOrEqual(12);
    });

    test('has the admin group', () => {
      template.hasResourceProperties('AWS::Cognito::UserPoolGroup', {
        GroupName: 'admin',
        UserPoolId: { Ref: logicalId(synthesized.stateful.userPool) },
      });
    });

    test('has a web client without a secret that signs in with SRP, reads its claims and writes no attributes', () => {
      template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
        UserPoolId: { Ref: logicalId(synthesized.stateful.userPool) },
        GenerateSecret: false,
        ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        ReadAttributes: ['custom:accountId', 'email', 'email_verified'],
        WriteAttributes: [],
        AllowedOAuthFlowsUserPoolClient: false,
      });
    });

    test('tells the stateless stack and a web client the pool and client ids', () => {
      const outputs = template.toJSON().Outputs;
      expect(Object.values(outputs).map((output: any) => output.Value)).toEqual(
        expect.arrayContaining([{ Ref: logicalId(synthesized.stateful.userPool) }, { Ref: logicalId(synthesized.stateful.userPoolClient) }]),
      );
    });
  });

  test('the gateway webhook secret is encrypted with the data key and retained', () => {
    expect(template.toJSON().Resources[logicalId(synthesized.stateful.webhookSecret)]).toMatchObject({
      Type: 'AWS::SecretsManager::Secret',
      Properties: { KmsKeyId: keyArn() },
      DeletionPolicy: 'Retain',
    });
  });

  test('the pseudonymisation key is a generated random value, encrypted with the data key, retained and never rotated', () => {
    expect(template.toJSON().Resources[logicalId(synthesized.stateful.hashKey)]).toMatchObject({
      Type: 'AWS::SecretsManager::Secret',
      Properties: { KmsKeyId: keyArn(), GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true } },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    template.resourceCountIs('AWS::SecretsManager::RotationSchedule', 0);
  });

  test('no resource carries a hard-coded physical name', () => {
    const named = Object.entries(template.toJSON().Resources as Record<string, { Properties?: Record<string, unknown> }>).flatMap(
      ([id, resource]) =>
        ['TableName', 'BucketName', 'UserPoolName', 'Name', 'AliasName']
          .filter((property) => resource.Properties?.[property] !== undefined)
          .map((property) => `${id}.${property}`),
    );
    expect(named).toEqual([]);
  });

  test('is protected from deletion in prod only', () => {
    expect(Stack.of(synthesized.stateful).terminationProtection).toBe(stage === 'prod');
  });
});
