// Validates the OpenAPI document on stdin against the OpenAPI specification's own schemas and
// prints the result. A plain Node script: the validator is an ES module that reads
// `import.meta.url`, which jest's CommonJS sandbox cannot load (see openapi-validator.ts).
import { Validator } from '@seriousme/openapi-schema-validator';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const validator = new Validator();
const result = await validator.validate(JSON.parse(input));
process.stdout.write(JSON.stringify({ ...result, version: validator.version }));
