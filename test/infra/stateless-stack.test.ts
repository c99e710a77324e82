import { Duration } from 'aws-cdk-lib';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { Stack, type CfnResource } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { catalog, domainOf, domains } from '../../functions/catalog';
import type { FunctionDeclaration, ScheduleTrigger } from '../../functions/declaration';
import { SERVICE_NAME, metricsNamespace } from '../../infra/bindings';
import { consumerOf } from '../../infra/queue-settings';
import { stages } from '../../infra/config';
import { CORS_POLICY, isOrigin } from '../../infra/cors';
import { leadingKeyPatterns } from '../../infra/table-access';
import type { HouseFunction } from '../../infra/constructs/house-function';
import { queues, type QueueName } from '../../infra/resources';
import { EnvNames } from '../../shared/config';
import { BUSINESS_METRICS } from '../../shared/metrics';
import type { HttpTrigger } from '../../shared/http/types';
import { logicalIdOf, stacksOf, stageConfig, synthesize, type SynthesizedStage } from './synth';

// CloudFormation's limit is 500 a stack: headroom for the features to come.
const MAX_RESOURCES_PER_STACK = 350;

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: Record<string, Record<string, unknown>> };
type Resources = Record<string, { Type: string; Properties: Record<string, any>; DeletionPolicy?: string }>;

type HttpDeclaration = FunctionDeclaration & { trigger: HttpTrigger };
type ScheduleDeclaration = FunctionDeclaration & { trigger: ScheduleTrigger };
const scheduleDeclarations = catalog.filter((declaration): declaration is ScheduleDeclaration => declaration.trigger.kind === 'schedule');
const httpDeclarations = catalog.filter((declaration): declaration is HttpDeclaration => declaration.trigger.kind === 'http');
const routeKeyOf = ({ trigger }: HttpDeclaration): string =>
  trigger.path === '$default' ? '$default' : `${trigger.method} ${trigger.path}`;

describe.each(stages)('stateless stack (%s)', (stage) => {
  const config = stageConfig(stage);
  let synthesized: SynthesizedStage;
  let template: Template;
  let resources: Resources;

  const houseFunction = (declaration: FunctionDeclaration): HouseFunction => {
    const fn = synthesized.stateless.functions.get(declaration.name);
    if (!fn) throw new Error(`no function for ${declaration.name}`);
    return fn;
  };
  const functionId = (declaration: FunctionDeclaration): string => logicalIdOf(houseFunction(declaration).fn.node.defaultChild as CfnResource);
  const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
  /**
   * A failure queue's alarm counts arrivals per period (messages sent, and the rise of the visible
   * ones a redrive policy moves in), not messages waiting: it recovers, so a second incident fires again.
   */
  const expectArrivalAlarmOn = (queue: CfnResource) => {
    const queueName = { 'Fn::GetAtt': [logicalIdOf(queue), 'QueueName'] };
    const onQueue = ofType('AWS::CloudWatch::Alarm').filter(([, alarm]) => JSON.stringify(alarm.Properties.Metrics ?? []).includes(JSON.stringify(queueName)));
    expect(onQueue).toHaveLength(1);
    const { Metrics, Threshold, ComparisonOperator, MetricName } = onQueue[0]![1].Properties;
    expect(MetricName).toBeUndefined();
    expect({ Threshold, ComparisonOperator }).toEqual({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    const stat = (metricName: string, statistic: string) => ({
      Metric: { Namespace: 'AWS/SQS', MetricName: metricName, Dimensions: [{ Name: 'QueueName', Value: queueName }] },
      Period: config.alarms.period.toSeconds(),
      Stat: statistic,
    });
    expect(Metrics).toEqual([
      expect.objectContaining({ Expression: 'FILL(sent, 0) + IF(DIFF(visible) > 0, DIFF(visible), 0)', ReturnData: true }),
      { Id: 'sent', MetricStat: stat('NumberOfMessagesSent', 'Sum'), ReturnData: false },
      { Id: 'visible', MetricStat: stat('ApproximateNumberOfMessagesVisible', 'Maximum'), ReturnData: false },
    ]);
  };
  // A cross-stack reference names an output of the stateful stack; this is that output's value.
  const statefulValueOf = (reference: { 'Fn::GetStackOutput': { StackName: string; OutputName: string } }): unknown => {
    const { StackName, OutputName } = reference['Fn::GetStackOutput'];
    expect(StackName).toBe(synthesized.stateful.stackName);
    return synthesized.statefulTemplate.toJSON().Outputs[OutputName].Value;
  };
  const statefulRef = (construct: { node: { defaultChild?: unknown } }) => ({
    Ref: synthesized.stateful.getLogicalId(construct.node.defaultChild as CfnResource),
  });

  beforeAll(() => {
    synthesized = synthesize(stage);
    template = synthesized.statelessTemplate;
    resources = template.toJSON().Resources;
  });

  test('keeps every stack, nested ones included, under 350 of the 500 resources CloudFormation allows', () => {
    const counts = stacksOf(synthesized.app).map(({ stack, template }) => [stack.node.path, Object.keys(template.Resources).length] as const);
    console.info(`Resources per stack (${stage}):\n${counts.map(([path, count]) => `  ${path}: ${count}`).join('\n')}`);
    expect(counts.length).toBeGreaterThan(2);
    expect(counts.filter(([, count]) => count >= MAX_RESOURCES_PER_STACK)).toEqual([]);
  });

  test("deploys each function in its domain's nested stack, and every domain holds some", () => {
    for (const declaration of catalog) {
      const stack = Stack.of(houseFunction(declaration));
      expect(stack.nestedStackParent).toBe(synthesized.stateless);
      expect(stack.node.id).toBe(domainOf.get(declaration.name));
    }
    expect(new Set(domainOf.values())).toEqual(new Set(Object.keys(domains)));
  });

  test('deploys exactly the catalog', () => {
    expect([...synthesized.stateless.functions.keys()].sort()).toEqual(catalog.map((declaration) => declaration.name).sort());
    expect(ofType('AWS::Lambda::Function')).toHaveLength(catalog.length);
  });

  test('deploys the number inventory: its routes, the admin ones behind the JWT authorizer, and an hourly number-quarantine schedule', () => {
    const routes = ofType('AWS::ApiGatewayV2::Route').map(([, route]) => route.Properties);
    const authorizationOf = (routeKey: string) => routes.find((route) => route.RouteKey === routeKey)?.AuthorizationType;
    expect(['POST /admin/numbers', 'GET /admin/numbers', 'GET /numbers/available'].map(authorizationOf)).toEqual(['JWT', 'JWT', 'NONE']);
    const quarantine = scheduleDeclarations.find(({ trigger }) => trigger.schedule === 'number-quarantine')!;
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 hour)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [functionId(quarantine), 'Arn'] } })],
    });
  });

  test.each([
    ['list-faxes', ['ACCOUNT#*']],
    ['get-fax-document', ['ACCOUNT#*']],
    ['block-sender', ['ACCOUNT#*']],
    ['send-email', ['EMAILSENT#*', 'SUPPRESSED#*']],
    ['email-feedback', ['SUPPRESSED#*']],
    ['create-upload', ['UPLOAD#*']],
    ['dismiss-junk-case', ['SENDER#*', 'AUDIT#*']],
    ['available-numbers', []],
    // Those whose work crosses many prefixes (once unconfined).
    ['create-account', ['ACCOUNT#*', 'EMAIL#*', 'REFERRALCODE#*', 'NUMBER#*', 'THROTTLE#*']],
    ['create-child-data-report', ['RIGHTS#*', 'AUDIT#*']],
    ['create-rights-request', ['RIGHTS#*', 'AUDIT#*', 'ACCOUNT#*', 'THROTTLE#*']],
    ['deliver-fax', ['ACCOUNT#*', 'NUMBER#*']],
    [
      'fulfil-rights-request',
      ['RIGHTS#*', 'AUDIT#*', 'ACCOUNT#*', 'EMAIL#*', 'REFERRALCODE#*', 'NUMBER#*', 'LEGALHOLD#*', 'SENDER#*', 'SUPPRESSED#*', 'OPTOUT#*', 'ERASURE#*'],
    ],
    ['get-rights-request', ['RIGHTS#*', 'ACCOUNT#*']],
    ['ingest-fax', ['DELIVERY#*', 'GATEWAYEVENT#*', 'UPLOAD#*', 'NUMBER#*', 'ACCOUNT#*']],
    ['number-quarantine', ['NUMBER#*']],
    ['provision-login', ['ACCOUNT#*']],
    ['report-junk-fax', ['SENDER#*', 'THROTTLE#*', 'AUDIT#*', 'NUMBER#*', 'ACCOUNT#*']],
    ['rights-deadlines', ['RIGHTS#*', 'AUDIT#*']],
    ['signup-expiry', ['ACCOUNT#*', 'EMAIL#*', 'REFERRALCODE#*', 'NUMBER#*']],
    ['update-profile', ['ACCOUNT#*', 'EMAIL#*', 'THROTTLE#*']],
    ['verify-email', ['ACCOUNT#*', 'EMAIL#*', 'THROTTLE#*']],
    ['verify-rights-request', ['RIGHTS#*', 'AUDIT#*', 'THROTTLE#*']],
  ])('%s may touch only the table items under %j (dynamodb:LeadingKeys; none: through the indexes only)', (name, patterns) => {
    const declaration = catalog.find((candidate) => candidate.name === name)!;
    const roleId = resources[functionId(declaration)]!.Properties.Role['Fn::GetAtt'][0];
    const onTable = ofType('AWS::IAM::Policy')
      .filter(([, policy]) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
      .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as Statement[])
      .filter((statement) => statement.Effect === 'Allow' && [statement.Action].flat().includes('dynamodb:GetItem'));
    expect(onTable.map((statement) => statement.Condition)).toEqual(
      patterns.length ? [{ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': patterns } }] : [],
    );
  });

  test('confines every function that uses the table to its declared key prefixes: none is granted the whole table', () => {
    // A declaration cannot name the table without its prefixes (the type requires them), and no
    // role in the template is allowed an item of the table without the LeadingKeys condition.
    const onTable = ofType('AWS::IAM::Policy')
      .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as Statement[])
      .filter((statement) => statement.Effect === 'Allow' && [statement.Action].flat().includes('dynamodb:GetItem'));
    expect(onTable).toHaveLength(catalog.filter(({ access }) => access.table !== undefined && access.tableKeys?.length).length);
    expect(onTable.filter((statement) => !statement.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'])).toEqual([]);
  });

  describe.each(catalog.map((declaration) => [declaration.name, declaration] as const))('function %s', (_name, declaration) => {
    const props = () => resources[functionId(declaration)]!.Properties;
    const statements = () =>
      ofType('AWS::IAM::Policy')
        .filter(([, policy]) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === props().Role['Fn::GetAtt'][0]))
        .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as Statement[]);

    test('runs Node 22 on arm64 with active tracing', () => {
      expect(props()).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], TracingConfig: { Mode: 'Active' } });
    });

    test('has the memory and timeout of its declaration', () => {
      expect(props().MemorySize).toBe(declaration.memoryMb);
      expect(props().Timeout).toBe(declaration.timeoutSeconds);
    });

    test(`reserves concurrency only where the stage says (${config.reserveConcurrency})`, () => {
      expect(props().ReservedConcurrentExecutions).toBe(config.reserveConcurrency ? declaration.reservedConcurrency : undefined);
    });

    test('logs JSON to its own log group with the stage retention, Node not reading source maps at load', () => {
      const logGroupId = props().LoggingConfig.LogGroup.Ref;
      expect(props().LoggingConfig).toMatchObject({ LogFormat: 'JSON', ApplicationLogLevel: config.logs.level });
      expect(resources[logGroupId]).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: config.logs.retention } });
      expect(props().Environment.Variables.NODE_OPTIONS).toBeUndefined();
      expect(props().Environment.Variables).toMatchObject({
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        POWERTOOLS_LOG_LEVEL: config.logs.level,
        POWERTOOLS_METRICS_NAMESPACE: metricsNamespace(stage),
      });
    });

    test('has exactly the environment its access implies', () => {
      const { table, faxBucket, exportBucket, apiUrl, webhookSecret, hashKey, sendEmail, notifyAdmins, idTokens, logins = [], sendTo = [] } = declaration.access;
      const expected = [
        ...(logins.length > 0 ? [EnvNames.userPoolId] : []),
        ...(idTokens ? [EnvNames.userPoolIssuer, EnvNames.userPoolClientId] : []),
        ...(sendEmail ? [EnvNames.emailSender, EnvNames.emailConfigurationSet, EnvNames.sesMaxSendRate] : []),
        ...(notifyAdmins ? [EnvNames.adminEmail] : []),
        ...(table ? [EnvNames.table] : []),
        ...(faxBucket ? [EnvNames.faxBucket] : []),
        ...(exportBucket ? [EnvNames.exportBucket] : []),
        ...(apiUrl ? [EnvNames.apiUrl] : []),
        ...(webhookSecret ? [EnvNames.webhookSecretArn] : []),
        ...(hashKey ? [EnvNames.hashKeyArn] : []),
        ...sendTo.map((queue) => queues[queue].urlEnv),
      ];
      const house = ['POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_LOG_LEVEL', 'POWERTOOLS_METRICS_NAMESPACE'];
      expect(Object.keys(props().Environment.Variables).sort()).toEqual([...house, ...expected].sort());
      if (table) expect(statefulValueOf(props().Environment.Variables[EnvNames.table])).toEqual(statefulRef(synthesized.stateful.table));
      // Links point at this stage's HTTP API: its endpoint.
      if (apiUrl) {
        expect(props().Environment.Variables[EnvNames.apiUrl]).toEqual({
          'Fn::GetAtt': [logicalIdOf(synthesized.stateless.httpApi.node.defaultChild as CfnResource), 'ApiEndpoint'],
        });
      }
    });

    test('reads exactly the secrets its declaration names (the webhook secret, the pseudonymisation key)', () => {
      const read = statements()
        .filter((statement) => [statement.Action].flat().includes('secretsmanager:GetSecretValue'))
        .flatMap((statement) => [statement.Resource].flat().map((resource) => statefulValueOf(resource as never)));
      const { webhookSecret, hashKey } = declaration.access;
      expect(read).toEqual([
        ...(webhookSecret ? [statefulRef(synthesized.stateful.webhookSecret)] : []),
        ...(hashKey ? [statefulRef(synthesized.stateful.hashKey)] : []),
      ]);
      if (hashKey) expect(statefulValueOf(props().Environment.Variables[EnvNames.hashKeyArn])).toEqual(statefulRef(synthesized.stateful.hashKey));
    });

    test('may touch the table only as its declaration asks, with no service-wide wildcard', () => {
      const actions = statements().flatMap((statement) => [statement.Action].flat());
      const tableWrites = actions.filter((action) => /^dynamodb:(Put|Update|Delete|BatchWrite)/.test(action));
      expect(actions.some((action) => action.startsWith('dynamodb:'))).toBe(declaration.access.table !== undefined);
      expect(tableWrites.length > 0).toBe(declaration.access.table === 'readWrite');
      expect(actions.filter((action) => action === '*' || action.endsWith(':*'))).toEqual([]);
    });

    test('never scans the table, is confined to its declared tableKeys, and uses the data key only through the service that stores with it', () => {
      const { table, tableKeys } = declaration.access;
      expect(statements().flatMap((statement) => [statement.Action].flat()).filter((action) => action.startsWith('dynamodb:Scan'))).toEqual([]);
      const confinements = statements()
        .filter((statement) => statement.Effect === 'Allow' && statement.Condition?.['ForAllValues:StringLike'])
        .map((statement) => statement.Condition!['ForAllValues:StringLike']!['dynamodb:LeadingKeys']);
      expect(confinements).toEqual(table && tableKeys?.length ? [leadingKeyPatterns(tableKeys)] : []);
      const keyUses = statements().filter((statement) => [statement.Action].flat().some((action) => action.startsWith('kms:')));
      for (const statement of keyUses) expect(statement.Condition?.StringEquals?.['kms:ViaService']).toBeDefined();
    });

    test('may append audit entries but never change or remove one, when it writes the table', () => {
      const denies = statements().filter((statement) => statement.Effect === 'Deny');
      expect(denies).toEqual(
        declaration.access.table === 'readWrite'
          ? [expect.objectContaining({ Action: ['dynamodb:BatchWriteItem', 'dynamodb:DeleteItem', 'dynamodb:UpdateItem'], Condition: { 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': ['AUDIT#*'] } } })]
          : [],
      );
    });

    test('has an errors alarm and a throttles alarm', () => {
      for (const [metricName, threshold] of [
        ['Errors', config.alarms.functionErrors],
        ['Throttles', config.alarms.functionThrottles],
      ] as const) {
        template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          Namespace: 'AWS/Lambda',
          MetricName: metricName,
          Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionId(declaration) } }],
          Statistic: 'Sum',
          Period: config.alarms.period.toSeconds(),
          Threshold: threshold,
          EvaluationPeriods: config.alarms.evaluationPeriods,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        });
      }
    });
  });

  describe('HTTP API', () => {
    const apiId = () => logicalIdOf(synthesized.stateless.httpApi.node.defaultChild as CfnResource);
    const authorizerId = () => ofType('AWS::ApiGatewayV2::Authorizer')[0]![0];
    const routes = () => ofType('AWS::ApiGatewayV2::Route').map(([, route]) => route.Properties);

    test('has one route per catalog route, and no other', () => {
      expect(routes().map((route) => route.RouteKey).sort()).toEqual(httpDeclarations.map(routeKeyOf).sort());
    });

    test.each(httpDeclarations.map((declaration) => [routeKeyOf(declaration), declaration] as const))(
      'route %s invokes its function, behind the JWT authorizer only for customer and admin routes',
      (routeKey, declaration) => {
        const route = routes().find((candidate) => candidate.RouteKey === routeKey)!;
        const behindJwt = { customer: true, admin: true, public: false, optional: false, gateway: false }[declaration.trigger.auth];
        if (behindJwt) {
          expect(route.AuthorizationType).toBe('JWT');
          expect(route.AuthorizerId).toEqual({ Ref: authorizerId() });
        } else {
          expect(route.AuthorizationType).toBe('NONE');
          expect(route.AuthorizerId).toBeUndefined();
        }
        const integrationId = route.Target['Fn::Join'][1][1].Ref;
        expect(resources[integrationId]!.Properties).toMatchObject({
          IntegrationType: 'AWS_PROXY',
          IntegrationUri: { 'Fn::GetAtt': [functionId(declaration), 'Arn'] },
          PayloadFormatVersion: '2.0',
        });
      },
    );

    test('verifies user pool tokens: issuer is the pool, audience its web client', () => {
      const [, authorizer] = ofType('AWS::ApiGatewayV2::Authorizer')[0]!;
      expect(authorizer.Properties.AuthorizerType).toBe('JWT');
      expect(authorizer.Properties.IdentitySource).toEqual(['$request.header.Authorization']);
      const { Issuer, Audience } = authorizer.Properties.JwtConfiguration;
      const [prefix, region, domain, poolId] = Issuer['Fn::Join'][1];
      expect([prefix, region, domain]).toEqual(['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/']);
      expect(statefulValueOf(poolId)).toEqual(statefulRef(synthesized.stateful.userPool));
      expect(Audience).toHaveLength(1);
      expect(statefulValueOf(Audience[0])).toEqual(statefulRef(synthesized.stateful.userPoolClient));
    });

    test('its default stage deploys automatically and throttles at the stage limits', () => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        ApiId: { Ref: apiId() },
        StageName: '$default',
        AutoDeploy: true,
        DefaultRouteSettings: { ThrottlingRateLimit: config.api.rateLimit, ThrottlingBurstLimit: config.api.burstLimit },
      });
    });

    test('gives every optional route’s function the user pool’s issuer and web client, to check tokens as the authorizer does', () => {
      const optional = httpDeclarations.filter(({ trigger }) => trigger.auth === 'optional');
      expect(optional.map(({ name }) => name)).toEqual(expect.arrayContaining(['create-rights-request', 'get-rights-request']));
      for (const { access } of optional) expect(access.idTokens).toBe(true);
    });

    test('throttles each route open to anyone (public, optional) tighter than the stage, and each gateway route wider for the fax traffic; no other route', () => {
      const { publicRoute, gatewayRoute } = config.api;
      expect(publicRoute.rateLimit).toBeLessThan(config.api.rateLimit);
      expect(publicRoute.burstLimit).toBeLessThan(config.api.burstLimit);
      expect(gatewayRoute.rateLimit).toBeGreaterThan(config.api.rateLimit);
      const publicRouteKeys = httpDeclarations.filter(({ trigger }) => trigger.auth === 'public' || trigger.auth === 'optional').map(routeKeyOf);
      const gatewayRouteKeys = httpDeclarations.filter(({ trigger }) => trigger.auth === 'gateway').map(routeKeyOf);
      expect(publicRouteKeys).toEqual(expect.arrayContaining(['POST /accounts', 'GET /numbers/available', 'POST /rights-requests', 'GET /rights-requests/{id}']));
      expect(gatewayRouteKeys).toEqual(expect.arrayContaining(['POST /gateway/faxes']));
      const [[stageId, stageResource]] = ofType('AWS::ApiGatewayV2::Stage') as [[string, Resources[string] & { DependsOn?: string[] }]];
      const throttle = ({ rateLimit, burstLimit }: { rateLimit: number; burstLimit: number }) => ({ ThrottlingRateLimit: rateLimit, ThrottlingBurstLimit: burstLimit });
      expect(stageResource.Properties.RouteSettings).toEqual(
        Object.fromEntries([
          ...publicRouteKeys.map((routeKey) => [routeKey, throttle(publicRoute)]),
          ...gatewayRouteKeys.map((routeKey) => [routeKey, throttle(gatewayRoute)]),
        ]),
      );
      // The stage names those routes, so it is deployed after them.
      const routeIds = ofType('AWS::ApiGatewayV2::Route')
        .filter(([, route]) => [...publicRouteKeys, ...gatewayRouteKeys].includes(route.Properties.RouteKey))
        .map(([id]) => id);
      expect(template.toJSON().Resources[stageId].DependsOn).toEqual(expect.arrayContaining(routeIds));
    });

    test('logs each request as JSON without bodies, headers or raw paths', () => {
      const [, stageResource] = ofType('AWS::ApiGatewayV2::Stage')[0]!;
      const { DestinationArn, Format } = stageResource.Properties.AccessLogSettings;
      const logGroupId = DestinationArn['Fn::GetAtt'][0];
      expect(resources[logGroupId]).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: config.logs.retention } });
      const format = JSON.parse(Format);
      expect(format).toMatchObject({
        requestId: '$context.requestId',
        ip: '$context.identity.sourceIp',
        routeKey: '$context.routeKey',
        status: '$context.status',
        latency: '$context.responseLatency',
      });
      for (const variable of Object.values<string>(format)) {
        expect(variable).not.toMatch(/body|header|authorization|claims|\$context\.path|\$request/i);
      }
    });

    test("lets browsers call it from the stage's web client only, with the one CORS policy", () => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
        ProtocolType: 'HTTP',
        CorsConfiguration: {
          AllowOrigins: [...config.api.corsOrigins],
          AllowMethods: [...CORS_POLICY.allowMethods],
          AllowHeaders: ['authorization', 'content-type', 'x-request-token'],
          ExposeHeaders: ['x-request-id', 'location', 'retry-after'],
          MaxAge: CORS_POLICY.maxAgeSeconds,
          AllowCredentials: false,
        },
      });
      expect(config.api.corsOrigins.length).toBeGreaterThan(0);
      for (const origin of config.api.corsOrigins) {
        expect(isOrigin(origin)).toBe(true);
        expect(origin).toMatch(/^https:\/\//);
      }
    });

    test('alarms on 5xx responses', () => {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/ApiGateway',
        MetricName: '5xx',
        Dimensions: [{ Name: 'ApiId', Value: { Ref: apiId() } }],
        Statistic: 'Sum',
        Threshold: config.alarms.api5xx,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
    });
  });

  describe('alarms', () => {
    const topicId = () => logicalIdOf(synthesized.stateless.alarmTopic.topic.node.defaultChild as CfnResource);

    test('every alarm notifies the alarm topic when it fires and when it recovers', () => {
      const alarms = ofType('AWS::CloudWatch::Alarm');
      expect(alarms.length).toBeGreaterThan(2 * catalog.length);
      for (const [, alarm] of alarms) {
        expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId() }]);
        expect(alarm.Properties.OKActions).toEqual([{ Ref: topicId() }]);
      }
    });

    test('the topic is encrypted with its own rotating key, which CloudWatch may use', () => {
      const keyId = logicalIdOf(synthesized.stateless.alarmTopic.key.node.defaultChild as CfnResource);
      expect(resources[topicId()]!.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
      expect(resources[keyId]!.Properties.EnableKeyRotation).toBe(true);
      expect(resources[keyId]!.Properties.KeyPolicy.Statement).toContainEqual(
        expect.objectContaining({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] }),
      );
    });

    test("publishing needs TLS, and only this account's alarms publish", () => {
      const [policy] = Object.values(template.findResources('AWS::SNS::TopicPolicy', { Properties: { Topics: [{ Ref: topicId() }] } }));
      const statements = policy!.Properties.PolicyDocument.Statement;
      expect(statements).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
      expect(statements).toContainEqual(
        expect.objectContaining({
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: 'sns:Publish',
          Condition: expect.objectContaining({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } }),
        }),
      );
    });

    test("emails the stage's alarm address, keeping what it could not deliver", () => {
      template.hasResourceProperties('AWS::SNS::Subscription', {
        TopicArn: { Ref: topicId() },
        Protocol: 'email',
        Endpoint: config.alarms.email,
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AlarmTopicUndelivered'), 'Arn'] } },
      });
    });
  });

  describe('dashboard', () => {
    type Widget = { type: string; properties: { metrics?: unknown[][] } };
    // The body is JSON joined with references: read it with each reference as a placeholder.
    const widgets = (): Widget[] => {
      const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
      const parts: unknown[] = dashboard!.Properties.DashboardBody['Fn::Join'][1];
      return JSON.parse(parts.map((part) => (typeof part === 'string' ? part : '<ref>')).join('')).widgets;
    };
    /** Each metric shown, as [namespace, name, ...dimension names and values]. */
    const metricsShown = () =>
      widgets()
        .flatMap((widget) => widget.properties.metrics ?? [])
        .map((metric) => metric.filter((part) => typeof part === 'string'));

    test('exists once, named for the stage', () => {
      template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
      template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: `fax-service-${stage}` });
    });

    test('shows every business metric, in the namespace the functions publish to, under the service dimension', () => {
      for (const metric of BUSINESS_METRICS) {
        expect(metricsShown()).toContainEqual([metricsNamespace(stage), metric, 'service', SERVICE_NAME]);
      }
    });

    test("shows the API's requests, 5xx and latency, every function's errors and throttles, queue depth and age, and the alarms", () => {
      const shown = metricsShown();
      for (const metric of ['Count', '5xx', 'Latency']) expect(shown).toContainEqual(['AWS/ApiGateway', metric, 'ApiId', '<ref>']);
      for (const metric of ['Errors', 'Throttles']) {
        expect(shown.filter(([namespace, name]) => namespace === 'AWS/Lambda' && name === metric)).toHaveLength(catalog.length);
      }
      const queueMetrics = (name: string) => shown.filter(([namespace, metric]) => namespace === 'AWS/SQS' && metric === name);
      const workQueues = Object.keys(queues).length;
      // Every work queue, its dead letters and the schedule failures; the age of the work queues.
      expect(queueMetrics('ApproximateNumberOfMessagesVisible')).toHaveLength(2 * workQueues + 1);
      expect(queueMetrics('ApproximateAgeOfOldestMessage')).toHaveLength(workQueues);
      expect(widgets().map((widget) => widget.type)).toContain('alarm');
    });
  });

  describe.each(Object.keys(queues) as QueueName[])('queue %s', (name) => {
    const consumer = () => consumerOf(name, catalog);
    const work = () => synthesized.stateless.queues[name];
    const queueProps = () => resources[logicalIdOf(work().queue.node.defaultChild as CfnResource)]!.Properties;

    test('dead-letters after at least 5 receives, into an encrypted queue that keeps 14 days', () => {
      expect(queueProps().RedrivePolicy).toEqual({
        deadLetterTargetArn: { 'Fn::GetAtt': [logicalIdOf(work().deadLetterQueue.node.defaultChild as CfnResource), 'Arn'] },
        maxReceiveCount: queues[name].maxReceiveCount,
      });
      expect(queues[name].maxReceiveCount).toBeGreaterThanOrEqual(5);
      expect(resources[logicalIdOf(work().deadLetterQueue.node.defaultChild as CfnResource)]!.Properties).toMatchObject({
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: 14 * 24 * 3600,
      });
    });

    test("has a visibility timeout of at least six times its consumer's timeout", () => {
      expect(queueProps().VisibilityTimeout).toBeGreaterThanOrEqual(6 * consumer().timeoutSeconds);
    });

    test('is consumed by its function in batches, reporting partial batch failures', () => {
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [logicalIdOf(work().queue.node.defaultChild as CfnResource), 'Arn'] },
        FunctionName: { Ref: functionId(consumer()) },
        BatchSize: consumer().trigger.batchSize,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
    });

    test('is polled no faster than its consumer may run, so throttling never dead-letters healthy messages', () => {
      const [mapping] = Object.values(template.findResources('AWS::Lambda::EventSourceMapping', { Properties: { FunctionName: { Ref: functionId(consumer()) } } }));
      const maximum = mapping.Properties.ScalingConfig.MaximumConcurrency;
      expect(maximum).toBeGreaterThanOrEqual(2);
      expect(consumer().reservedConcurrency).toBeDefined();
      expect(maximum).toBeLessThanOrEqual(Math.max(2, consumer().reservedConcurrency!));
    });

    test('alarms as soon as a message is dead-lettered, in every period one arrives', () => {
      expectArrivalAlarmOn(work().deadLetterQueue.node.defaultChild as CfnResource);
    });

    test('alarms when its oldest message has waited too long', () => {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateAgeOfOldestMessage',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalIdOf(work().queue.node.defaultChild as CfnResource), 'QueueName'] } }],
        Statistic: 'Maximum',
        Threshold: config.alarms.queueAge.toSeconds(),
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
    });

    test('only TLS requests reach it', () => {
      const policies = Object.values(template.findResources('AWS::SQS::QueuePolicy')).filter((policy) =>
        JSON.stringify(policy.Properties.Queues).includes(logicalIdOf(work().queue.node.defaultChild as CfnResource)),
      );
      expect(JSON.stringify(policies)).toContain('"aws:SecureTransport":"false"');
    });
  });

  test('a failed scheduled invocation alarms as soon as it lands in the failure destination', () => {
    expectArrivalAlarmOn(synthesized.stateless.scheduleFailures.queue.node.defaultChild as CfnResource);
  });

  describe.each(scheduleDeclarations.map((declaration) => [declaration.trigger.schedule, declaration] as const))('schedule %s', (_name, declaration) => {
    test('invokes its function at the declared rate, with retries and a dead-letter queue', () => {
      const failures = { 'Fn::GetAtt': [logicalIdOf(synthesized.stateless.scheduleFailures.queue.node.defaultChild as CfnResource), 'Arn'] };
      template.hasResourceProperties('AWS::Events::Rule', {
        ScheduleExpression: Schedule.rate(Duration.minutes(declaration.trigger.everyMinutes)).expressionString,
        State: 'ENABLED',
        Targets: [
          Match.objectLike({
            Arn: { 'Fn::GetAtt': [functionId(declaration), 'Arn'] },
            DeadLetterConfig: { Arn: failures },
            RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 3 }),
          }),
        ],
      });
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: functionId(declaration) },
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: failures } },
      });
    });
  });
});
