/**
 * Run by `npm run build` after the compiler: write the parsed tree of each
 * built-in rule pack beside the compiled code (dist/rules/packs/NAME.yaml.json),
 * so that the default configuration loads without the YAML parser. The
 * snapshot is stamped with the SHA-256 of the pack's text and ignored when the
 * pack has changed since (src/packs/index.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { BUILTIN_PACKS, builtinPackPath, builtinSnapshotPath, packSnapshot, parsePack } from '../src/packs/index.js';

for (const ref of Object.keys(BUILTIN_PACKS)) {
  const file = builtinPackPath(ref)!;
  const text = fs.readFileSync(file, 'utf8');
  parsePack(file, text); // a broken built-in pack fails the build
  const out = builtinSnapshotPath(ref)!;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, packSnapshot(file, text));
}
