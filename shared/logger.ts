import type { Context } from 'aws-lambda';
import { redact } from './redact';

// The house structured logger: one JSON line per entry, every one passed through `redact`. It
// writes what Powertools Logger wrote with our formatter (same keys, levels and streams), in a
// fraction of its load time: Powertools Logger cost about 17 ms of every cold start, most of a
// function's 25 % budget over its SDK floor (README, "Cold-start budget").

/** The level names and thresholds POWERTOOLS_LOG_LEVEL takes (the stacks set it from the stage's config). */
const THRESHOLDS: Record<string, number> = { TRACE: 6, DEBUG: 8, INFO: 12, WARN: 16, ERROR: 20, CRITICAL: 24, SILENT: 28 };
type Level = 'INFO' | 'WARN' | 'ERROR';

type Attributes = Record<string, unknown>;
/** An entry: its message, or an object holding the message and attributes. */
type Entry = string | ({ message: string } & Attributes);
/** What may follow the entry: more attributes, or an error (logged under `error`). */
type Extra = Attributes | Error;

/** The keys every line starts with; an attribute of the same name is dropped. */
const STANDARD_KEYS = new Set(['level', 'message', 'timestamp', 'service', 'sampling_rate']);

interface FunctionContext {
  cold_start: boolean;
  function_name: string;
  function_request_id: string;
}

/** The X-Ray trace's root id (`Root=1-…;Parent=…;Sampled=1`), which ties a line to its trace. */
const xrayTraceId = (): string | undefined => {
  const header = process.env._X_AMZN_TRACE_ID;
  if (!header) return undefined;
  if (!header.includes('=')) return header;
  return header
    .split(';')
    .find((field) => field.startsWith('Root='))
    ?.slice('Root='.length);
};

// Values that say nothing are left out of a line, as they were: undefined, null and ''.
const isEmpty = (value: unknown): boolean => value === undefined || value === null || value === '';

/**
 * JSON.stringify's replacer: a bigint as its digits, a circular reference dropped (redact stops
 * copying at its depth limit, so the rest of a value is printed as it stands).
 */
const safeReplacer = () => {
  const ancestors: unknown[] = [];
  return function (this: unknown, _key: string, value: unknown): unknown {
    if (typeof value === 'bigint') return value.toString();
    if (typeof value !== 'object' || value === null) return value;
    while (ancestors.length > 0 && ancestors.at(-1) !== this) ancestors.pop();
    if (ancestors.includes(value)) return undefined;
    ancestors.push(value);
    return value;
  };
};

export class Logger {
  private keys: Attributes = {};
  private context: FunctionContext | undefined;
  // A function's first invocation is its cold start; only an on-demand start has one (a
  // provisioned environment was started before it was invoked).
  private coldStart = process.env.AWS_LAMBDA_INITIALIZATION_TYPE === 'on-demand';

  constructor(
    private readonly service = process.env.POWERTOOLS_SERVICE_NAME || 'service_undefined',
    private readonly threshold = THRESHOLDS[process.env.POWERTOOLS_LOG_LEVEL?.toUpperCase() ?? ''] ?? THRESHOLDS.INFO,
  ) {}

  /** A logger of its own (own keys, own function context) that writes like this one. */
  createChild(): Logger {
    return new Logger(this.service, this.threshold);
  }

  /** Every following line carries the invocation's function context (`function_request_id`…). */
  addContext(context: Context): void {
    this.context = { cold_start: this.coldStart, function_name: context.functionName, function_request_id: context.awsRequestId };
    this.coldStart = false;
  }

  /** Keys every following line carries, until `resetKeys`. */
  appendKeys(keys: Attributes): void {
    Object.assign(this.keys, keys);
  }

  resetKeys(): void {
    this.keys = {};
  }

  info(entry: Entry, ...extras: Extra[]): void {
    this.write('INFO', entry, extras);
  }

  warn(entry: Entry, ...extras: Extra[]): void {
    this.write('WARN', entry, extras);
  }

  error(entry: Entry, ...extras: Extra[]): void {
    this.write('ERROR', entry, extras);
  }

  private write(level: Level, entry: Entry, extras: Extra[]): void {
    if (THRESHOLDS[level] < this.threshold) return;
    const { message, ...fields } = typeof entry === 'string' ? { message: entry } : entry;
    const attributes: Attributes = { ...this.keys, ...fields };
    for (const extra of extras) Object.assign(attributes, extra instanceof Error ? { error: extra } : extra);
    const line: Attributes = {
      level,
      message: redact(message),
      timestamp: new Date().toISOString(),
      service: this.service,
      ...this.context,
      xray_trace_id: xrayTraceId(),
    };
    for (const [key, value] of Object.entries(redact(attributes) as Attributes)) {
      if (!STANDARD_KEYS.has(key)) line[key] = value;
    }
    for (const key of Object.keys(line)) if (isEmpty(line[key])) delete line[key];
    // Straight to the streams, as Powertools did: Lambda's runtime rewrites what goes through `console`.
    const stream = level === 'INFO' ? process.stdout : process.stderr;
    stream.write(`${JSON.stringify(line, safeReplacer())}\n`);
  }
}

/** The one logger: structured JSON, redacted by default. Service name from POWERTOOLS_SERVICE_NAME. */
export const logger = new Logger();
