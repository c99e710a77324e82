import { CfnOutput, Duration, NestedStack, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  LogGroupLogDestination,
  type HttpStage,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction, SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { SES_FEEDBACK_DETAIL_TYPES } from '../events/ses-feedback';
import { catalog, domainOf, type Domain } from '../functions/catalog';
import type { QueueTrigger, ScheduleTrigger } from '../functions/declaration';
import type { HttpTrigger, RouteAuth } from '../shared/http/types';
import { userPoolIssuer } from './bindings';
import { UNRESERVED_CONCURRENCY_MINIMUM, reservedConcurrencyOf, reservedConcurrencyWithinBudget } from './concurrency';
import type { StageConfig } from './config';
import { CORS_POLICY } from './cors';
import { AlarmTopic } from './constructs/alarm-topic';
import type { EmailSending } from './constructs/email-sending';
import { FailureQueue } from './constructs/failure-queue';
import { HouseFunction } from './constructs/house-function';
import { ServiceDashboard } from './constructs/service-dashboard';
import { WorkQueue } from './constructs/work-queue';
import { visibilityTimeoutSeconds } from './queue-settings';
import { queues, type QueueName } from './resources';
import { isOpenToAnyone, routeThrottleFor } from './route-throttles';
import { TrafficAlarms } from './constructs/traffic-alarms';

export interface StatelessStackProps extends StackProps {
  config: StageConfig;
  table: ITable;
  faxBucket: IBucket;
  exportBucket: IBucket;
  webhookSecret: ISecret;
  hashKey: ISecret;
  userPool: IUserPool;
  userPoolClient: IUserPoolClient;
  emailSending: EmailSending;
}

// What the access log keeps: no bodies, no headers (so no tokens), and the route template rather
// than the raw path, which can hold fax numbers. Client IPs stay, as the privacy policy says.
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    ip: '$context.identity.sourceIp',
    routeKey: '$context.routeKey',
    status: '$context.status',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    latency: '$context.responseLatency',
    integrationLatency: '$context.integrationLatency',
    integrationStatus: '$context.integrationStatus',
    authorizerError: '$context.authorizer.error',
  }),
);

/** Why routes of these kinds have no API Gateway authorizer. */
const WITHOUT_AUTHORIZER_BECAUSE: Partial<Record<RouteAuth, string>> = {
  public: 'Public by contract (API.md), callers have no account',
  optional:
    'Public or customer by contract (API.md), which a JWT authorizer cannot express: the function verifies a bearer token itself, as the authorizer would (the user pool JWKS, issuer and web client), and refuses a bad one with 401',
  gateway:
    'Fax gateways hold no user pool token: the function verifies their Standard Webhooks signature (HMAC, 300 s window) and refuses unsigned calls with 401',
};

/**
 * Everything that can be recreated at will: the functions, the HTTP API, the queues, the alarms
 * and their topic, the dashboard. CloudFormation takes 500 resources a stack, so each domain's
 * functions (functions/catalog.ts) live in a nested stack of their own, with their logs, roles,
 * alarms, event sources and schedules; this stack keeps what the domains share: the HTTP API with
 * its stage, routes and integrations (a stage's route settings need its routes deployed first),
 * the queues, the alarm topic and the dashboard. The nested stacks are handed what they use as
 * parameters, not exports, so either side can change without the other's consent.
 */
export class StatelessStack extends Stack {
  readonly httpApi: HttpApi;
  readonly apiStage: HttpStage;
  readonly accessLogGroup: LogGroup;
  readonly api5xxAlarm: Alarm;
  /** The deployed functions, by declaration name. */
  readonly functions: ReadonlyMap<string, HouseFunction>;
  readonly queues: Record<QueueName, WorkQueue>;
  /** Where scheduled invocations go when they fail after their retries; alarmed as soon as one does. */
  readonly scheduleFailures: FailureQueue;
  /** Every alarm of the stage notifies it. */
  readonly alarmTopic: AlarmTopic;
  readonly dashboard: ServiceDashboard;

  /** Per-route settings of the stage, by route key: the public and gateway routes' own throttling. */
  private readonly routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};

  /** Customer and admin routes need a user pool token; the handler then checks the role. */
  private readonly authorizers: Record<RouteAuth, IHttpRouteAuthorizer | undefined>;

  /** Each domain's nested stack, made when its first function is. */
  private readonly domainStacks = new Map<Domain, NestedStack>();

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config } = props;
    const reserved = reservedConcurrencyOf(config, catalog);
    if (!reservedConcurrencyWithinBudget(reserved, config.accountConcurrencyQuota)) {
      throw new Error(
        `${config.stage} reserves ${reserved} concurrent executions, more than its account quota (${config.accountConcurrencyQuota}) less the ${UNRESERVED_CONCURRENCY_MINIMUM} AWS keeps unreserved`,
      );
    }

    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: `Fax service API (${config.stage})`,
      // The stage is created below, with access logging and throttling.
      createDefaultStage: false,
      // API Gateway answers browsers for the stage's web client; the policy is the local runtime's too.
      corsPreflight: {
        allowOrigins: [...config.api.corsOrigins],
        allowMethods: CORS_POLICY.allowMethods.map((method) => CorsHttpMethod[method]),
        allowHeaders: [...CORS_POLICY.allowHeaders],
        exposeHeaders: [...CORS_POLICY.exposeHeaders],
        maxAge: Duration.seconds(CORS_POLICY.maxAgeSeconds),
        allowCredentials: CORS_POLICY.allowCredentials,
      },
    });
    this.accessLogGroup = new LogGroup(this, 'ApiAccessLogs', {
      retention: config.logs.retention,
      removalPolicy: config.logs.removalPolicy,
    });
    this.apiStage = this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: config.api.rateLimit, burstLimit: config.api.burstLimit },
      accessLogSettings: { destination: new LogGroupLogDestination(this.accessLogGroup), format: ACCESS_LOG_FORMAT },
    });
    const jwtAuthorizer = new HttpJwtAuthorizer(
      'CognitoJwt',
      userPoolIssuer(`https://cognito-idp.${props.userPool.env.region}.amazonaws.com`, props.userPool.userPoolId),
      { jwtAudience: [props.userPoolClient.userPoolClientId] },
    );
    // An HTTP API JWT authorizer cannot be optional: `optional` routes' functions verify tokens themselves.
    this.authorizers = { public: undefined, optional: undefined, gateway: undefined, customer: jwtAuthorizer, admin: jwtAuthorizer };

    this.queues = Object.fromEntries(
      (Object.keys(queues) as QueueName[]).map((name) => [
        name,
        new WorkQueue(this, name, {
          config,
          visibilityTimeoutSeconds: visibilityTimeoutSeconds(name, catalog),
          maxReceiveCount: queues[name].maxReceiveCount,
        }),
      ]),
    ) as Record<QueueName, WorkQueue>;
    // Scheduled jobs are retried by Lambda's asynchronous invocation; what still fails lands here.
    this.scheduleFailures = new FailureQueue(this, 'ScheduleFailures', {
      config,
      holds: 'scheduled invocations that failed after their retries',
      deadLetterFor: "the schedules' EventBridge targets and the scheduled functions' on-failure destination",
    });

    const functions = new Map<string, HouseFunction>();
    for (const declaration of catalog) {
      const fn = new HouseFunction(this.domainStack(declaration.name), declaration.name, {
        declaration,
        config,
        resources: {
          table: props.table,
          faxBucket: props.faxBucket,
          exportBucket: props.exportBucket,
          // Links in exports and emails; no cycle: the API refers to its routes' functions, never the reverse.
          apiUrl: this.httpApi.apiEndpoint,
          webhookSecret: props.webhookSecret,
          hashKey: props.hashKey,
          emailSending: props.emailSending,
          userPool: props.userPool,
          userPoolClient: props.userPoolClient,
          queues: Object.fromEntries(Object.entries(this.queues).map(([name, work]) => [name, work.queue])) as Record<QueueName, WorkQueue['queue']>,
        },
      });
      const { trigger } = declaration;
      switch (trigger.kind) {
        case 'http':
          this.addRoute(fn, trigger, config);
          break;
        case 'queue':
          this.addQueueConsumer(fn, trigger);
          break;
        case 'schedule':
          this.addSchedule(fn, trigger);
          break;
      }
      functions.set(declaration.name, fn);
    }
    this.functions = functions;
    this.routeSesFeedback(props.emailSending);
    // Not in HttpStage's props: the L1 stage takes route settings, keyed by route key.
    (this.apiStage.node.defaultChild as CfnStage).routeSettings = this.routeSettings;

    this.api5xxAlarm = new Alarm(this, 'Api5xxAlarm', {
      alarmDescription: 'HTTP API: 5xx responses',
      metric: this.httpApi.metricServerError({ period: config.alarms.period, statistic: 'Sum' }),
      threshold: config.alarms.api5xx,
      evaluationPeriods: config.alarms.evaluationPeriods,
      datapointsToAlarm: config.alarms.datapointsToAlarm,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    new TrafficAlarms(this, 'TrafficAlarms', { config, httpApi: this.httpApi, accessLogGroup: this.accessLogGroup, table: props.table, emailSending: props.emailSending });

    this.alarmTopic = new AlarmTopic(this, 'AlarmTopic', { config });
    const alarms = this.node.findAll().filter((construct): construct is Alarm => construct instanceof Alarm);
    for (const alarm of alarms) this.alarmTopic.notify(alarm);

    this.dashboard = new ServiceDashboard(this, 'Dashboard', {
      config,
      httpApi: this.httpApi,
      functions: [...functions.values()],
      workQueues: Object.fromEntries(Object.entries(this.queues).map(([name, work]) => [name, work.queue])),
      failureQueues: {
        ...Object.fromEntries(Object.entries(this.queues).map(([name, work]) => [`${name} (dead letters)`, work.deadLetterQueue])),
        'schedule failures': this.scheduleFailures.queue,
      },
      alarms,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.apiStage.url });
  }

  /** The nested stack of the function's domain. */
  domainStack(functionName: string): NestedStack {
    const domain = domainOf.get(functionName);
    if (!domain) throw new Error(`${functionName}: not in any domain of functions/catalog.ts`);
    let stack = this.domainStacks.get(domain);
    if (!stack) {
      stack = new NestedStack(this, domain, { description: `Fax service: the ${domain} functions` });
      this.domainStacks.set(domain, stack);
    }
    return stack;
  }

  private addQueueConsumer(fn: HouseFunction, trigger: QueueTrigger): void {
    const { reservedConcurrency } = fn.declaration;
    if (reservedConcurrency === undefined) throw new Error(`${fn.declaration.name}: a queue consumer declares its reservedConcurrency`);
    fn.fn.addEventSource(
      new SqsEventSource(this.queues[trigger.queue].queue, {
        batchSize: trigger.batchSize,
        maxBatchingWindow: Duration.seconds(trigger.maxBatchingWindowSeconds),
        // Never poll faster than the function may run: throttled batches would burn receives and
        // dead-letter healthy messages. SQS takes 2 at the least.
        maxConcurrency: Math.max(2, reservedConcurrency),
        // Only the failed records of a batch are retried; the rest are deleted.
        reportBatchItemFailures: true,
      }),
    );
    Validations.of(fn.fn).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason: `Consumes the ${trigger.queue} queue through an event source mapping: failed records return to the queue and are dead-lettered by its redrive policy after ${queues[trigger.queue].maxReceiveCount} attempts; a function DLQ only applies to asynchronous invocations.`,
    });
    Validations.of(fn.fn).acknowledge({
      id: 'Serverless-LambdaEventSourceMappingDestination',
      reason: `SQS event source mappings keep failures in the source queue, whose redrive policy moves them to its dead-letter queue (alarmed); on-failure destinations are for stream sources.`,
    });
  }

  // SES publishes the configuration set's bounces and complaints to the default bus; this stage's
  // (matched by the configuration set's tag) go to the emailFeedback queue. What EventBridge
  // cannot put there after its retries lands in that queue's dead-letter queue (alarmed).
  private routeSesFeedback(emailSending: EmailSending): void {
    const feedback = this.queues.emailFeedback;
    new Rule(this, 'SesFeedbackRule', {
      description: 'SES bounces and complaints of the email configuration set, for the suppression list',
      eventPattern: {
        source: ['aws.ses'],
        detailType: SES_FEEDBACK_DETAIL_TYPES,
        detail: { mail: { tags: { 'ses:configuration-set': [emailSending.configurationSet.configurationSetName] } } },
      },
      targets: [new SqsQueue(feedback.queue, { deadLetterQueue: feedback.deadLetterQueue, retryAttempts: 185, maxEventAge: Duration.hours(24) })],
    });
  }

  private addSchedule(fn: HouseFunction, trigger: ScheduleTrigger): void {
    const deadLetterQueue = this.scheduleFailures.queue;
    // Lambda retries a failed asynchronous invocation twice, then sends it here.
    fn.fn.configureAsyncInvoke({ retryAttempts: 2, onFailure: new SqsDestination(deadLetterQueue) });
    Validations.of(fn.fn).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason: 'Failed scheduled invocations go to an on-failure destination (the alarmed scheduleFailures queue), the successor of a function DLQ that also records the error.',
    });
    new Rule(Stack.of(fn), `${trigger.schedule}-schedule`, {
      description: `${trigger.schedule}: ${fn.declaration.description}`,
      schedule: Schedule.rate(Duration.minutes(trigger.everyMinutes)),
      // EventBridge's own delivery failures (Lambda unreachable) go to the same queue.
      targets: [new LambdaFunction(fn.fn, { deadLetterQueue, retryAttempts: 3, maxEventAge: Duration.hours(1) })],
    });
  }

  private addRoute(fn: HouseFunction, trigger: HttpTrigger, config: StageConfig): void {
    const name = fn.node.id;
    const isCatchAll = trigger.path === '$default';
    if (isCatchAll !== (trigger.method === 'ANY')) {
      throw new Error(`${name}: method ANY goes with the $default route only (got ${trigger.method} ${trigger.path})`);
    }
    const routeKey = isCatchAll ? HttpRouteKey.DEFAULT : HttpRouteKey.with(trigger.path, HttpMethod[trigger.method]);
    const route = new HttpRoute(this, `${name}-route`, {
      httpApi: this.httpApi,
      routeKey,
      integration: new HttpLambdaIntegration(`${name}-integration`, fn.fn),
      authorizer: this.authorizers[trigger.auth],
    });
    const throttle = routeThrottleFor(trigger.auth, config);
    if (throttle) {
      const { rateLimit, burstLimit } = throttle;
      this.routeSettings[routeKey.key] = { ThrottlingRateLimit: rateLimit, ThrottlingBurstLimit: burstLimit };
      // A stage naming a route in its settings can only be deployed once the route exists.
      this.apiStage.node.addDependency(route);
    }
    Validations.of(fn.fn).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason: 'Invoked synchronously by API Gateway: a failure returns to the caller as an error response; a DLQ only receives asynchronous invocations.',
    });
    const because = WITHOUT_AUTHORIZER_BECAUSE[trigger.auth];
    if (because) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: `${because}: ${fn.declaration.description}. Input is validated strictly and the ${isOpenToAnyone(trigger.auth) ? 'route is throttled tighter than the stage' : 'route has its own throttling, sized for the fax traffic'}.`,
      });
    }
  }
}
