import { resolve } from 'node:path';
import type { Context } from 'aws-lambda';
import { entryOf, type FunctionDeclaration, type Trigger } from '../../functions/declaration';
import { environmentFor, type ResourceNames } from '../bindings';
import { runAs } from './table-guard';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

/** A function loaded in this process, invoked the way Lambda would: one event, a context, a deadline. */
export interface LocalFunction<T extends Trigger = Trigger> {
  declaration: FunctionDeclaration & { trigger: T };
  invoke(event: unknown, requestId: string): Promise<unknown>;
}

/** The loaded functions with one kind of trigger. */
export const triggeredBy = <K extends Trigger['kind']>(functions: LocalFunction[], kind: K) =>
  functions.filter((fn): fn is LocalFunction<Extract<Trigger, { kind: K }>> => fn.declaration.trigger.kind === kind);

class FunctionTimedOut extends Error {
  constructor(name: string, seconds: number) {
    super(`${name} timed out after ${seconds} s`);
    this.name = 'FunctionTimedOut';
  }
}

const REPO_ROOT = resolve(__dirname, '..', '..');

const lambdaContext = (declaration: FunctionDeclaration, requestId: string, deadline: number): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName: declaration.name,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${declaration.name}`,
  memoryLimitInMB: String(declaration.memoryMb),
  awsRequestId: requestId,
  logGroupName: `/aws/lambda/${declaration.name}`,
  logStreamName: 'local',
  getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

// Each handler is imported with only its own bindings in the environment, so a binding missing
// from a declaration fails here at start, as it would in AWS, instead of working by accident.
const importWithEnvironment = async (path: string, env: Record<string, string>): Promise<Handler> => {
  const previous = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  try {
    const module = (await import(path)) as { handler?: Handler };
    if (typeof module.handler !== 'function') throw new Error(`${path} exports no handler`);
    return module.handler;
  } finally {
    for (const [key, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
};

export const loadFunctions = async (declarations: readonly FunctionDeclaration[], names: ResourceNames): Promise<LocalFunction[]> => {
  const loaded: LocalFunction[] = [];
  for (const declaration of declarations) {
    const handler = await importWithEnvironment(resolve(REPO_ROOT, entryOf(declaration)), environmentFor(declaration.access, names));
    loaded.push({
      declaration,
      invoke: async (event, requestId) => {
        const timeoutMs = declaration.timeoutSeconds * 1000;
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new FunctionTimedOut(declaration.name, declaration.timeoutSeconds)), timeoutMs);
        });
        try {
          return await Promise.race([runAs(declaration, () => handler(event, lambdaContext(declaration, requestId, Date.now() + timeoutMs))), deadline]);
        } finally {
          clearTimeout(timer);
        }
      },
    });
  }
  return loaded;
};
