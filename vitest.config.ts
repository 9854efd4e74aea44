import { defineConfig } from 'vitest/config';

// The fast tier (`npm test`): everything but test/slow/, which `npm run test:slow` runs.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/slow/**', 'node_modules/**'],
    testTimeout: 60_000,
    // npm run coverage: the code the fast tier runs in this process (the built CLI it spawns is not measured).
    coverage: { provider: 'v8', include: ['src/**', 'rules/**', 'scripts/**'], reporter: ['text-summary', 'text'], reportsDirectory: 'coverage' },
  },
});
