// The parse floor: read each file and parse it with remark-parse + remark-gfm,
// on one thread, and nothing else. policy-lint parses with the same libraries,
// so no run of it can be faster than this on one thread.
//
//   node test/bench/parse-floor.mjs FILE|FOLDER...
import fs from 'node:fs';
import path from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';

const processor = unified().use(remarkParse).use(remarkGfm);

function filesOf(target) {
  if (!fs.statSync(target).isDirectory()) return [target];
  return fs
    .readdirSync(target)
    .sort()
    .map((name) => path.join(target, name));
}

let nodes = 0;
for (const target of process.argv.slice(2)) {
  for (const file of filesOf(target)) nodes += processor.parse(fs.readFileSync(file, 'utf8')).children.length;
}
if (nodes < 0) console.log(nodes);
