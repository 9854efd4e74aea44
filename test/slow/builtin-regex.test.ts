/**
 * Every built-in pattern (data/*.yaml, the built-in packs, the rules' default
 * options; collected by test/builtin-patterns.ts) passes the ReDoS check
 * that a user's pattern must pass (src/packs/safe-regex.ts). The check runs in
 * a child process: it is synchronous, and some patterns take the checker
 * seconds, which would block the test worker.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import { builtIn } from '../builtin-patterns.js';

function checkAll(patterns: [string, string][]): Promise<(string | null)[]> {
  const module = pathToFileURL(path.join(ROOT, 'dist', 'src', 'packs', 'safe-regex.js')).href;
  const script = `import { unsafeReason } from ${JSON.stringify(module)};
let input = '';
process.stdin.on('data', (d) => (input += d));
process.stdin.on('end', () => process.stdout.write(JSON.stringify(JSON.parse(input).map(([s, f]) => unsafeReason(s, f) ?? null))));`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as (string | null)[]) : reject(new Error(`checker exited with ${code}`))));
    child.stdin.end(JSON.stringify(patterns));
  });
}

it('every built-in pattern is linear by the ReDoS checker', async () => {
  const reasons = await checkAll(builtIn.map(([, source, flags]) => [source, flags]));
  const refused = builtIn.map(([where, source, flags], i) => [where, source, flags, reasons[i]]).filter(([, , , reason]) => reason !== null);
  expect(refused).toEqual([]);
  expect(builtIn.length).toBeGreaterThan(20);
});
