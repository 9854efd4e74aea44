// The reading floor: list a folder and read every file in it, in Node, and
// nothing else (what a cached re-run is measured against).
//
//   node test/bench/read-files.mjs FOLDER...
import fs from 'node:fs';
import path from 'node:path';

let bytes = 0;
for (const dir of process.argv.slice(2)) {
  for (const name of fs.readdirSync(dir).sort()) bytes += fs.readFileSync(path.join(dir, name)).length;
}
if (bytes < 0) console.log(bytes);
