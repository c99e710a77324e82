// `npm run lint`: typescript-eslint's recommended rules (syntax only, no type information: fast),
// and the import boundaries of the layout (README "Where things live"), as `no-restricted-imports`
// patterns per group of files. Patterns match the import as written (relative paths).
import tseslint from 'typescript-eslint';

const TESTS = ['**/*.test.ts', 'test/**'];

/** Nothing that ships imports the tests, their helpers or their libraries. */
const noTests = {
  regex: '^(\\.\\./)+test(/|$)',
  message: 'Test helpers (test/) are for tests only: nothing that ships imports them.',
};
const noTestLibraries = ['aws-sdk-client-mock', 'aws-sdk-client-mock-jest', 'fast-check', 'jest', '@jest/globals'].map((name) => ({
  name,
  message: 'Test libraries are for tests only.',
}));
const noFunctions = {
  regex: '(^|/)functions(/|$)',
  message: 'Shared code sits below the functions: it never imports them.',
};
const noInfra = {
  regex: '(^|/)infra(/|$)',
  message: 'Infrastructure (CDK, local runtime) is never imported by code that runs in a function.',
};
const noAdapters = {
  regex: '(^|/)adapters(/|$)',
  message: 'Use cases and the edge depend on ports; only a function’s handler wires in adapters (shared/adapters).',
};
const noSdkOrLambda = {
  regex: '^(@aws-sdk/|@smithy/|aws-lambda$|@aws-lambda-powertools/)',
  message: 'Use cases are free of Lambda and AWS SDK types: adapters and the edge deal with those.',
};
const noOtherFunction = {
  // `../declaration` is shared by all functions; `../<other-function>/…` is another function's code.
  regex: '^\\.\\./[^./][^/]*/',
  message: 'A function imports shared code, never another function’s files.',
};
// The slices of rules (use cases): listed once, for their own boundary and as exceptions to the rest of shared/.
const USE_CASES = ['shared/accounts/**', 'shared/email/**', 'shared/faxes/**', 'shared/junk/**', 'shared/numbers/**', 'shared/privacy/**', 'shared/rights/**', 'shared/usage/**', 'shared/webhooks/**'];
const noHandlers = {
  regex: '(^|/)functions/[^/]+/handler$',
  message: 'Infrastructure reads a function’s declaration (function.ts); the handler is only an entry point.',
};

/** jest's globals: declared for tests only (tsconfig.test.json); code that ships never uses them. */
const noTestGlobals = ['jest', 'expect', 'describe', 'it', 'test', 'beforeAll', 'beforeEach', 'afterAll', 'afterEach'].map((name) => ({
  name,
  message: 'jest globals are for tests only.',
}));

/** One `no-restricted-imports` setting for a group of files (a file must fall into one group only). */
const boundary = (name, files, patterns, ignores = []) => ({
  name: `boundaries/${name}`,
  files,
  ignores: [...TESTS, ...ignores],
  rules: {
    '@typescript-eslint/no-restricted-imports': ['error', { paths: noTestLibraries, patterns: [noTests, ...patterns] }],
    'no-restricted-globals': ['error', ...noTestGlobals],
  },
});

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.local/', 'coverage/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      // The house way to leave something out: `_`-named (an unused parameter, a field dropped
      // from a copy by destructuring). tsc's noUnusedLocals keeps the rest honest.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: TESTS,
    rules: {
      // Handlers bind their stores when imported: a test sets the environment, then `require`s it.
      '@typescript-eslint/no-require-imports': 'off',
      // Tests read parsed JSON (responses, templates) and let jest's matchers check its shape.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  // Functions: their own files, the declaration, shared code and event contracts. The declaration
  // may name infrastructure types (`QueueName`): a type import ships nothing.
  boundary('functions', ['functions/*/**'], [{ ...noInfra, allowTypeImports: true }, noOtherFunction]),
  boundary('declarations', ['functions/*.ts'], [{ ...noInfra, allowTypeImports: true }]),
  boundary('use-cases', USE_CASES, [noFunctions, noInfra, noAdapters, noSdkOrLambda]),
  boundary('adapters', ['shared/adapters/**'], [noFunctions, noInfra]),
  boundary('shared', ['shared/**', 'events/**'], [noFunctions, noInfra, noAdapters], [...USE_CASES, 'shared/adapters/**']),
  boundary('infra', ['infra/**'], [noHandlers]),
  {
    // jest.config.js is CommonJS, as jest loads it.
    files: ['jest.config.js'],
    languageOptions: { sourceType: 'commonjs' },
  },
);
