import os from 'node:os';
import { defineConfig } from 'vitest/config';

// The fast tier (`npm test`): everything but test/slow/, which `npm run test:slow` runs.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/slow/**', 'node_modules/**'],
    testTimeout: 60_000,
    // vitest's default is one worker fewer than the cores: one on a two-core CI machine, where a test that waits
    // for the CLI it spawned leaves the other core idle. The test files are independent (each has its own
    // temporary folder), so use every core, and at least two.
    maxWorkers: Math.max(2, os.availableParallelism()),
    minWorkers: 1,
    // npm run coverage: the code the fast tier runs in this process (the built CLI it spawns is not measured).
    coverage: { provider: 'v8', include: ['src/**', 'rules/**', 'scripts/**'], reporter: ['text-summary', 'text'], reportsDirectory: 'coverage' },
  },
});
