/**
 * Run by `npm run build` after the compiler: write the parsed tree of each
 * built-in rule pack beside the compiled code (dist/rules/packs/NAME.yaml.json),
 * so that the default configuration loads without the YAML parser, and the
 * validated value of each data file (dist/data/NAME.yaml.json). Each snapshot
 * is stamped with the SHA-256 of its YAML's text and ignored when the YAML
 * has changed since (src/packs/index.ts, src/domain/data.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { BUILTIN_PACKS, builtinPackPath, builtinSnapshotPath, packSnapshot, parsePack } from '../src/packs/index.js';
import { DATA_NAMES, dataSnapshot, dataSnapshotPath } from '../src/domain/data.js';
import { packageRoot } from '../src/package-root.js';

for (const ref of Object.keys(BUILTIN_PACKS)) {
  const file = builtinPackPath(ref)!;
  const text = fs.readFileSync(file, 'utf8');
  parsePack(file, text, true); // a broken built-in pack fails the build (its patterns' speed: test/regex-growth.test.ts)
  const out = builtinSnapshotPath(ref)!;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, packSnapshot(file, text));
}

// Always the package's own data/, whatever POLICY_LINT_DATA says; a broken data file fails the build.
for (const name of DATA_NAMES) {
  const file = path.join(packageRoot(), 'data', `${name}.yaml`);
  const out = dataSnapshotPath(name);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, dataSnapshot(name, file, fs.readFileSync(file, 'utf8')));
}
