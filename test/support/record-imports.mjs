// Node loader hook for tests: appends the URL of every module loaded to the file named by
// POLICY_LINT_RECORD_IMPORTS, so a test can check what a run loaded (e.g. that a Markdown-only run
// never loads the Word or PDF reader). Used as: node --import ./test/support/record-imports.mjs ...
import { register } from 'node:module';

if (process.env.POLICY_LINT_RECORD_IMPORTS) {
  register(
    `data:text/javascript,${encodeURIComponent(`
import fs from 'node:fs';
export async function load(url, context, next) {
  fs.appendFileSync(${JSON.stringify(process.env.POLICY_LINT_RECORD_IMPORTS)}, url + '\\n');
  return next(url, context);
}`)}`,
  );
}
