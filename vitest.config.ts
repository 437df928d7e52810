import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration and e2e tests start servers and child processes: keep the two cores for them.
    pool: 'forks',
    maxWorkers: 2,
  },
});
