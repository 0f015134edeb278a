import { defineConfig } from 'vitest/config';

// The tests that run in this process (unit and command tests): the ones a source mutant can reach.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/commands/**/*.test.ts'],
    // Reads 10 MiB inputs: seconds as plain code, beyond any timeout once instrumented.
    exclude: ['test/unit/io/input-limit.test.ts'],
    testTimeout: 30_000,
    maxWorkers: 2,
  },
});
