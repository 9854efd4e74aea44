#!/usr/bin/env node
// Thin launcher: the CLI lives in src/cli/, compiled and bundled into dist/bundle/ by `npm run build`.
// A release (a `v*` tag, see docs/pre-commit.md) carries dist/bundle/, so installing it runs no build;
// policy-lint has no install or prepare script. A clone of a branch has no dist/ until `npm run build`.
import fs from 'node:fs';

const bundle = new URL('../dist/bundle/cli.js', import.meta.url);

if (!fs.existsSync(bundle)) {
  const { version } = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stderr.write(
    'policy-lint: this copy is not built (dist/bundle/cli.js is missing): install a release tag ' +
      `(github:policy-lint/policy-lint#v${version}), or run "npm ci && npm run build" in a clone\n`,
  );
  process.exitCode = 2;
} else {
  const { main } = await import(bundle.href);
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
}
