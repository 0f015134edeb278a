// Mutation testing (`npm run mutate`): measures whether the in-process and unit tests notice small
// bugs in src/. Not part of `npm test`: a full run takes many minutes on two cores.
// e2e tests run the built bundle, which Stryker does not rebuild per mutant, so they are left out.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts' },
  mutate: ['src/**/*.ts', '!src/cli.ts', '!src/version.ts', '!src/runtime.ts'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 20000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/change.html' },
  jsonReporter: { fileName: 'reports/mutation/change.json' },
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
