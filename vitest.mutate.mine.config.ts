import { defineConfig } from 'vitest/config';
export default defineConfig({
  test: {
    include: ['test/unit/credentials/store.test.ts', 'test/unit/service/terraform*.test.ts', 'test/unit/io/*.test.ts', 'test/commands/doctor*.test.ts'],
    exclude: ['test/unit/io/input-limit.test.ts'],
    testTimeout: 30_000,
    maxWorkers: 2,
  },
});
