/**
 * `npm run docs`: write the rule documentation pages (docs/rules/<id>.md for
 * every built-in rule and every rule of the bundled packs, and the index
 * docs/rules/README.md) from the rules' metadata, running their examples.
 *
 *   npm run docs                          rewrite the pages (and remove pages of rules that no longer exist)
 *   node dist/scripts/gen-docs.js --check exit 1 when a page is out of date
 */
import fs from 'node:fs';
import path from 'node:path';
import { RULES } from '../rules/index.js';
import { builtinPackRules, packageRoot } from '../src/packs/index.js';
import { rulePages } from './rule-pages.js';

function listPages(dir: string, root: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return listPages(full, root);
    return e.name.endsWith('.md') ? [path.relative(root, full).split(path.sep).join('/')] : [];
  });
}

function run(argv: string[]): number {
  const root = packageRoot();
  const pages = rulePages([...RULES, ...builtinPackRules()]);
  const existing = listPages(path.join(root, 'docs', 'rules'), root);
  const stale = [...pages].filter(([file, text]) => !fs.existsSync(path.join(root, file)) || fs.readFileSync(path.join(root, file), 'utf8') !== text).map(([file]) => file);
  const orphans = existing.filter((file) => !pages.has(file));
  if (argv.includes('--check')) {
    for (const file of [...stale, ...orphans]) process.stderr.write(`${file}: out of date; run "npm run docs"\n`);
    return stale.length + orphans.length > 0 ? 1 : 0;
  }
  for (const file of stale) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), pages.get(file)!);
  }
  for (const file of orphans) fs.unlinkSync(path.join(root, file));
  process.stdout.write(`docs/rules: ${pages.size} pages, ${stale.length} written, ${orphans.length} removed\n`);
  return 0;
}

process.exitCode = run(process.argv.slice(2));
