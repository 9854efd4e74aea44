/**
 * The published package's declarations work for a TypeScript user: the tarball `npm pack` makes, unpacked as
 * an install would, type-checks a script that imports it (strict, no skipLibCheck), with only the type packages
 * that policy-lint's dependencies bring. (Slow tier: a full tsc run with Node's types.) test/packaging.test.ts
 * checks the same tarball lists every declaration reached from "types".
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

describe('the packed declarations', () => {
  it('a TypeScript script that imports the packed package type-checks against its declarations', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-types-'));
    try {
      const pack = spawnSync('npm', ['pack', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' });
      expect(pack.status).toBe(0);
      const installed = path.join(dir, 'node_modules', 'policy-lint');
      fs.mkdirSync(installed, { recursive: true });
      const tar = spawnSync('tar', ['-xzf', path.join(dir, pack.stdout.trim()), '-C', installed, '--strip-components=1']);
      expect(tar.status).toBe(0);
      // Only the type packages a consumer gets from policy-lint's dependencies (and Node's own).
      // (@types/node: the declarations name URL.)
      fs.mkdirSync(path.join(dir, 'node_modules', '@types'));
      for (const name of ['mdast', 'unist', 'node']) fs.symlinkSync(path.join(ROOT, 'node_modules', '@types', name), path.join(dir, 'node_modules', '@types', name), 'dir');
      fs.writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
      fs.writeFileSync(
        path.join(dir, 'check.ts'),
        [
          "import { lintText, type LintResult, type Diagnostic } from 'policy-lint';",
          "const run = await lintText('# Policy', { filePath: 'policy.md' });",
          'const results: LintResult[] = run.results;',
          'const first: Diagnostic | undefined = results[0]?.messages[0];',
          'const line: number | undefined = first?.line;',
          '// @ts-expect-error: a line is a number, so the declarations are not any',
          'const wrong: string | undefined = first?.line;',
          'export { line, wrong };',
          '',
        ].join('\n'),
      );
      const tsc = spawnSync(
        process.execPath,
        [
          path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
          '--noEmit',
          '--strict',
          '--skipLibCheck',
          'false',
          '--module',
          'nodenext',
          '--moduleResolution',
          'nodenext',
          '--target',
          'es2022',
          '--types',
          'node',
          'check.ts',
        ],
        { cwd: dir, encoding: 'utf8' },
      );
      expect(tsc.stdout + tsc.stderr).toBe('');
      expect(tsc.status).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
