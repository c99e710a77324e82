import type { HttpTrigger } from '../shared/http/types';

/** What a function may touch; each entry becomes both an IAM grant and an environment variable. */
export interface FunctionAccess {
  table?: 'read' | 'readWrite';
}

/**
 * One function, declared once: the CDK stacks, the local runtime and the handler itself read it,
 * so deployment and local runs cannot drift.
 */
export interface FunctionDeclaration {
  /** Kebab-case; the handler lives at `functions/<name>/handler.ts`. */
  name: string;
  description: string;
  trigger: HttpTrigger;
  access: FunctionAccess;
  memoryMb: number;
  timeoutSeconds: number;
  /** Upper bound on concurrent executions, applied where the stage reserves concurrency. */
  reservedConcurrency: number;
}

export const defineFunction = <T extends FunctionDeclaration>(declaration: T): T => declaration;

/** The handler file of a function, relative to the repository root. */
export const entryOf = (declaration: FunctionDeclaration): string => `functions/${declaration.name}/handler.ts`;
