import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '..', '..');

interface Snippet {
  /** Where the snippet pretends to live: the config's file groups decide by path. */
  filePath: string;
  code: string;
}

// The repository's own eslint.config.mjs, through ESLint's Node API, in a plain Node process
// (jest's module sandbox cannot load an ES module config): one process lints every snippet.
const LINT_SNIPPETS = `
import { ESLint } from 'eslint';
const snippets = JSON.parse(process.argv[1]);
const eslint = new ESLint({ cwd: process.cwd() });
const results = [];
for (const { filePath, code } of snippets) {
  const [result] = await eslint.lintText(code, { filePath });
  results.push(result.messages.map((message) => message.ruleId));
}
process.stdout.write(JSON.stringify(results));
`;

/** The rule ids each snippet breaks, in order. */
const lint = (snippets: Snippet[]): (string | null)[][] => {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', LINT_SNIPPETS, JSON.stringify(snippets)], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`eslint failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as (string | null)[][];
};

const RESTRICTED = '@typescript-eslint/no-restricted-imports';

describe('the lint step’s import boundaries', () => {
  it('reports every import across a boundary, and only those', () => {
    // Prepare
    const cases: [string, Snippet, (string | null)[]][] = [
      [
        'a use case importing an adapter',
        { filePath: 'shared/faxes/probe.ts', code: "export { inbox } from '../adapters/dynamo/stores';\n" },
        [RESTRICTED],
      ],
      [
        'a use case importing the AWS SDK',
        { filePath: 'shared/accounts/probe.ts', code: "export { S3Client } from '@aws-sdk/client-s3';\n" },
        [RESTRICTED],
      ],
      [
        'the email use case importing the SES SDK',
        { filePath: 'shared/email/probe.ts', code: "export { SESv2Client } from '@aws-sdk/client-sesv2';\n" },
        [RESTRICTED],
      ],
      [
        'the personal-data registry importing an adapter',
        { filePath: 'shared/privacy/probe.ts', code: "export { accountStore } from '../adapters/dynamo/stores';\n" },
        [RESTRICTED],
      ],
      [
        'the personal-data registry importing the AWS SDK',
        { filePath: 'shared/privacy/probe.ts', code: "export { DynamoDBClient } from '@aws-sdk/client-dynamodb';\n" },
        [RESTRICTED],
      ],
      [
        'a function importing a test helper',
        { filePath: 'functions/get-fax/probe.ts', code: "export { pinClock } from '../../test/support/clock';\n" },
        [RESTRICTED],
      ],
      [
        'shared code importing a test library',
        { filePath: 'shared/http/probe.ts', code: "export { default } from 'fast-check';\n" },
        [RESTRICTED],
      ],
      [
        'a function importing another function',
        { filePath: 'functions/get-fax/probe.ts', code: "export { handler } from '../list-faxes/handler';\n" },
        [RESTRICTED],
      ],
      [
        'a function importing infrastructure code',
        { filePath: 'functions/get-fax/probe.ts', code: "export { queues } from '../../infra/resources';\n" },
        [RESTRICTED],
      ],
      [
        'shared code importing a function',
        { filePath: 'shared/http/probe.ts', code: "export { catalog } from '../../functions/catalog';\n" },
        [RESTRICTED],
      ],
      [
        'infrastructure importing a handler',
        { filePath: 'infra/probe.ts', code: "export { handler } from '../functions/get-fax/handler';\n" },
        [RESTRICTED],
      ],
      [
        'shipped code using a jest global',
        { filePath: 'shared/probe.ts', code: 'export const probe = () => expect(1).toBe(1);\n' },
        ['no-restricted-globals'],
      ],
      [
        'a handler wiring in an adapter',
        { filePath: 'functions/get-fax/probe.ts', code: "export { inbox } from '../../shared/adapters/dynamo/stores';\n" },
        [],
      ],
      [
        'a declaration naming an infrastructure type',
        { filePath: 'functions/probe.ts', code: "export type { QueueName } from '../infra/resources';\n" },
        [],
      ],
      [
        'infrastructure reading the catalog',
        { filePath: 'infra/probe.ts', code: "export { catalog } from '../functions/catalog';\n" },
        [],
      ],
      [
        'a test importing its helpers',
        { filePath: 'functions/get-fax/probe.test.ts', code: "export { pinClock } from '../../test/support/clock';\n" },
        [],
      ],
    ];

    // Act
    const reported = lint(cases.map(([, snippet]) => snippet));

    // Assess
    expect(Object.fromEntries(cases.map(([name], index) => [name, reported[index]]))).toEqual(
      Object.fromEntries(cases.map(([name, , expected]) => [name, expected])),
    );
  });
});
