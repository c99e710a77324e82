import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface OpenApiValidation {
  valid: boolean;
  /** The OpenAPI version the validator read the document as (`3.1`). */
  version: string;
  errors?: unknown;
}

/** Validates an OpenAPI document with @seriousme/openapi-schema-validator, in a plain Node process. */
export const validateOpenApi = (document: unknown): OpenApiValidation => {
  const run = spawnSync(process.execPath, [join(__dirname, 'validate-openapi.mjs')], { input: JSON.stringify(document), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the OpenAPI validator failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as OpenApiValidation;
};
