import type { QueueName, SendableQueue } from '../infra/resources';
import type { TableKeyPrefix } from '../infra/table-access';
import type { LoginDirectory } from '../shared/accounts/logins';
import type { HttpTrigger } from '../shared/http/types';

/** A queue consumer: SQS batches, partial batch failures reported, failed messages retried then dead-lettered. */
export interface QueueTrigger {
  kind: 'queue';
  queue: QueueName;
  batchSize: number;
  /** How long SQS may gather a batch before invoking. */
  maxBatchingWindowSeconds: number;
}

/** A scheduled job: EventBridge in AWS, a timer (and `/_local/schedules/{name}/run`) locally. */
export interface ScheduleTrigger {
  kind: 'schedule';
  /** The schedule's name in `/_local/schedules`. */
  schedule: string;
  everyMinutes: number;
}

export type Trigger = HttpTrigger | QueueTrigger | ScheduleTrigger;

/** What a function may touch; each entry becomes both an IAM grant and an environment variable. */
/** The fax bucket's key prefixes (see DATA-MODEL.md): fax documents and gateways' uploads. */
type FaxBucketPrefix = 'faxes' | 'uploads';

/** The table, with the key prefixes its access is confined to: no function touches the table unconfined. */
type TableAccess =
  | { table?: never; tableKeys?: never }
  | {
      /** Reads the table's items (get, batch get, query, condition checks), or also writes them; never Scan. */
      table: 'read' | 'readWrite';
      /**
       * The partition key prefixes (DATA-MODEL.md) of the items it gets, puts, updates, deletes or
       * checks in a transaction: IAM lets it touch no other (`dynamodb:LeadingKeys`), and the local
       * runtime refuses it the same. Its index queries are not confined (the condition names the
       * table's partition key); `[]` reads through the indexes only.
       */
      tableKeys: readonly TableKeyPrefix[];
    };

export type FunctionAccess = TableAccess & {
  /** Per key prefix: read (get, head, list), write (put, presigned PUT) and delete objects. */
  faxBucket?: { read?: FaxBucketPrefix[]; write?: FaxBucketPrefix[]; delete?: FaxBucketPrefix[] };
  /** The exports bucket (exports/ only): `write` puts exports, `read` checks them and presigns their download. */
  exportBucket?: 'write' | 'read';
  /** The exports bucket's prefix it works on: `exports` (rights exports, the default) or `legal` (legal productions). */
  exportPrefix?: 'exports' | 'legal';
  /** Knows the HTTP API's base URL, to link to its routes. */
  apiUrl?: true;
  /** Queues the function sends to. */
  sendTo?: SendableQueue[];
  /** Reads the gateway webhook secret. */
  webhookSecret?: boolean;
  /** Reads the pseudonymisation key (keyed digests: receipt fingerprints, email hashes). */
  hashKey?: boolean;
  /** Emails the service's administrators (through the email pipeline): knows their address. */
  notifyAdmins?: boolean;
  /** Sends email through SES: from the stage's sender identity, with its configuration set only. */
  sendEmail?: boolean;
  /** Checks customers' ID tokens itself against the user pool (an `optional` route, which no authorizer guards). */
  idTokens?: boolean;
  /** The operations on customers' logins in the user pool it performs (each grants exactly its Admin* actions). */
  logins?: readonly (keyof LoginDirectory)[];
};

/**
 * One function, declared once: the CDK stacks, the local runtime and the handler itself read it,
 * so deployment and local runs cannot drift.
 */
export interface FunctionDeclaration {
  /** Kebab-case; the handler lives at `functions/<name>/handler.ts`. */
  name: string;
  description: string;
  trigger: Trigger;
  access: FunctionAccess;
  memoryMb: number;
  timeoutSeconds: number;
  /**
   * Concurrency reserved for the function (a floor and a ceiling), where the stage reserves any.
   * Only where it protects something, each saying what: every reservation comes out of the
   * account's pool (infra/concurrency.ts), so the other functions share what is left. Required of
   * queue consumers: their event source is polled no faster than this.
   */
  reservedConcurrency?: number;
}

export const defineFunction = <T extends FunctionDeclaration>(declaration: T): T => declaration;

/** The handler file of a function, relative to the repository root. */
export const entryOf = (declaration: FunctionDeclaration): string => `functions/${declaration.name}/handler.ts`;
