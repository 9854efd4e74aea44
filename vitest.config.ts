import { defineConfig } from 'vitest/config';

// The fast tier (`npm test`): everything but test/slow/, which `npm run test:slow` runs.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/slow/**', 'node_modules/**'],
    testTimeout: 60_000,
  },
});
