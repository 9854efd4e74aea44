/**
 * Regenerate the rule documentation in README.md (between
 * `<!-- rules:start -->` and `<!-- rules:end -->`) from the rules' metadata.
 *
 *   npm run docs                       rewrite README.md
 *   node dist/src/gen-readme.js --check   exit 1 if README.md is out of date
 *
 * It reads RULES at run time, so a newly registered rule appears on the next run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES } from '../rules/index.js';
import { updateReadme } from './docs.js';

/** The package root: the nearest folder above this file whose package.json names policy-lint. */
function packageRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'policy-lint') return dir;
    if (path.dirname(dir) === dir) throw new Error('cannot find the policy-lint package root');
  }
}

function run(argv: string[]): number {
  const readmePath = path.join(packageRoot(), 'README.md');
  const current = fs.readFileSync(readmePath, 'utf8');
  const next = updateReadme(current, RULES);
  if (argv.includes('--check')) {
    if (next === current) return 0;
    process.stderr.write('README.md: the rule documentation is out of date; run "npm run docs"\n');
    return 1;
  }
  if (next !== current) fs.writeFileSync(readmePath, next);
  process.stdout.write(`README.md: rule documentation ${next === current ? 'already up to date' : 'updated'} (${RULES.length} rules)\n`);
  return 0;
}

process.exitCode = run(process.argv.slice(2));
