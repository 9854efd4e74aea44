#!/usr/bin/env node
// Thin launcher: the CLI lives in src/cli/main.ts, compiled and bundled into dist/bundle/ by `npm run build`
// (run automatically by `npm install` / `npm ci` through the `prepare` script).
import { main } from '../dist/bundle/cli.js';

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    // main() reports its own errors; this is the last line of defence.
    process.stderr.write(`policy-lint: internal error: ${error && error.message ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
