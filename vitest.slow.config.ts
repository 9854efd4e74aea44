import { defineConfig } from 'vitest/config';

// The slow tier (`npm run test:slow`): large inputs, worker threads, property and fuzz runs.
export default defineConfig({
  test: {
    include: ['test/slow/**/*.test.ts'],
    testTimeout: 300_000,
  },
});
