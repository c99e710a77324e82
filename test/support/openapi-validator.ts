import { spawnSync } from 'node:child_process';

// @seriousme/openapi-schema-validator is an ES module that reads `import.meta.url`, which jest's
// CommonJS sandbox cannot load: it runs in a plain Node process, given the document on stdin.
const VALIDATE = `
import { Validator } from '@seriousme/openapi-schema-validator';
let input = '';
for await (const chunk of process.stdin) input += chunk;
const validator = new Validator();
const result = await validator.validate(JSON.parse(input));
process.stdout.write(JSON.stringify({ ...result, version: validator.version }));
`;

export interface OpenApiValidation {
  valid: boolean;
  /** The OpenAPI version the validator read the document as (`3.1`). */
  version: string;
  errors?: unknown;
}

/** Validates an OpenAPI document against the OpenAPI specification's own schemas. */
export const validateOpenApi = (document: unknown): OpenApiValidation => {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', VALIDATE], { input: JSON.stringify(document), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the OpenAPI validator failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as OpenApiValidation;
};
