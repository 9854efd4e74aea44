/**
 * Regenerate the rule documentation in README.md (between
 * `<!-- rules:start -->` and `<!-- rules:end -->`) from the rules' metadata.
 *
 *   npm run docs                       rewrite README.md
 *   node dist/src/gen-readme.js --check   exit 1 if README.md is out of date
 *
 * It reads RULES and the built-in packs at run time, so a newly registered rule appears on the next run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { RULES } from '../rules/index.js';
import { updateReadme } from '../src/cli/rule-docs.js';
import { builtinPackRules, packageRoot } from '../src/packs/index.js';

function run(argv: string[]): number {
  const readmePath = path.join(packageRoot(), 'README.md');
  const current = fs.readFileSync(readmePath, 'utf8');
  const rules = [...RULES, ...builtinPackRules()];
  const next = updateReadme(current, rules);
  if (argv.includes('--check')) {
    if (next === current) return 0;
    process.stderr.write('README.md: the rule documentation is out of date; run "npm run docs"\n');
    return 1;
  }
  if (next !== current) fs.writeFileSync(readmePath, next);
  process.stdout.write(`README.md: rule documentation ${next === current ? 'already up to date' : 'updated'} (${rules.length} rules)\n`);
  return 0;
}

process.exitCode = run(process.argv.slice(2));
