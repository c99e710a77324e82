// Three tiers, one command (`npm test`): unit tests beside the code, infrastructure tests on the
// synthesized templates, and end-to-end tests over HTTP against the local runtime.
const tsJest = {
  '^.+\\.[tj]sx?$': ['ts-jest', { tsconfig: { module: 'commonjs', moduleResolution: 'node10', allowJs: true, isolatedModules: true } }],
};
// Middy 6 and jose 6 ship ESM only; let ts-jest transform them.
const transformIgnorePatterns = ['node_modules/(?!(@middy|jose)/)'];
// The AWS SDK warns on Node 20 that its 2027 releases need Node 22 (Lambda runs 22): noise in test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const common = { transform: tsJest, transformIgnorePatterns, testEnvironment: 'node' };
// On a shared 2-core machine, generating an RSA key alone has taken seconds under load: a guard
// against a hang, not a speed assertion.
const HANG_GUARD_MS = 30_000;

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testTimeout: HANG_GUARD_MS, testMatch: ['<rootDir>/{shared,functions,events}/**/*.test.ts', '<rootDir>/infra/local/**/*.test.ts', '<rootDir>/test/lint/**/*.test.ts', '<rootDir>/test/bench/**/*.test.ts'] },
    { ...common, displayName: 'infra', testMatch: ['<rootDir>/test/infra/**/*.test.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testTimeout: HANG_GUARD_MS,
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/test/e2e/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/e2e/setup/global-teardown.ts',
    },
  ],
};
