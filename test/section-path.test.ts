/**
 * Every finding names the section it is in, as the path of section titles from
 * the top: computed once in the engine, carried in JSON (`section`), in SARIF
 * (a logical location) and through the cache.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sectionAt } from '../src/engine/engine.js';
import { docOf, lint, runMain, seedPath, tamperCache, writeIn } from './helpers.js';

const POLICY = [
  'Policy for the Education of all Children with a Social Worker',
  '',
  'We follow Hertfordshire Steps before any heading.',
  '',
  '# Roles and Responsibilities',
  '',
  'Intro text.',
  '',
  '## The Designated Teacher',
  '',
  'The designated teacher follows Hertfordshire Steps.',
  '',
  '# Safeguarding',
  '',
  'We follow Hertfordshire Steps.',
  '',
].join('\n');

describe('sectionAt', () => {
  it('names the innermost section by its title path, and nothing before the first heading', () => {
    const doc = docOf(POLICY);
    const at = (words: string, from = 0): string => sectionAt(doc, POLICY.indexOf(words, from));
    expect(at('before any heading')).toBe('');
    expect(at('Intro text')).toBe('Roles and Responsibilities');
    expect(at('The designated teacher follows')).toBe('Roles and Responsibilities > The Designated Teacher');
    expect(at('# Safeguarding')).toBe('Safeguarding');
    expect(at('We follow Hertfordshire Steps.', POLICY.indexOf('# Safeguarding'))).toBe('Safeguarding');
  });

  it('the engine gives each diagnostic its section (absent before the first heading)', () => {
    const found = lint(POLICY, { rules: ['therapeutic-thinking-naming'] });
    expect(found.map((d) => d.section)).toEqual([undefined, 'Roles and Responsibilities > The Designated Teacher', 'Safeguarding']);
  });
});

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-section-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('section in the reports', () => {
  it('JSON: every message has `section`, "" before the first heading', async () => {
    writeIn(dir, 'a.md', POLICY);
    const { stdout } = await runMain(['a.md', '-f', 'json'], { cwd: dir });
    const messages = (JSON.parse(stdout) as { messages: { section: unknown; ruleId: string }[] }[])[0]!.messages.filter((m) => m.ruleId === 'therapeutic-thinking-naming');
    expect(messages.map((m) => m.section)).toEqual(['', 'Roles and Responsibilities > The Designated Teacher', 'Safeguarding']);
  });

  it('SARIF: a logical location with the section title and its path as fullyQualifiedName; none before the first heading', async () => {
    writeIn(dir, 'a.md', POLICY);
    const { stdout } = await runMain(['a.md', '-f', 'sarif'], { cwd: dir });
    const results = (JSON.parse(stdout) as { runs: { results: { ruleId: string; locations: { logicalLocations?: unknown }[] }[] }[] }).runs[0]!.results.filter(
      (r) => r.ruleId === 'therapeutic-thinking-naming',
    );
    expect(results.map((r) => r.locations[0]!.logicalLocations)).toEqual([
      undefined,
      [{ name: 'The Designated Teacher', fullyQualifiedName: 'Roles and Responsibilities > The Designated Teacher' }],
      [{ name: 'Safeguarding', fullyQualifiedName: 'Safeguarding' }],
    ]);
  });

  it('the cache restores sections: a cached run reports the same sections as a fresh one', async () => {
    writeIn(dir, 'b.md', fs.readFileSync(seedPath('001')));
    const fresh = await runMain(['b.md', '-f', 'json'], { cwd: dir });
    const sections = (JSON.parse(fresh.stdout) as { messages: { section: string }[] }[])[0]!.messages.map((m) => m.section);
    expect(sections.filter((s) => s.includes(' > ')).length, 'the seed has findings in sub-sections').toBeGreaterThan(0);
    await runMain(['b.md', '--cache', '-f', 'json'], { cwd: dir });
    const cacheFile = path.join(dir, '.policylintcache');
    // Proof the next run reads the cache: a stored section title is edited (and the entry sealed again, as the
    // cache's check requires), and the edit is reported.
    const original = sections.find((s) => s.includes(' > '))!;
    tamperCache(cacheFile, original, 'EDITED > Section');
    const cached = await runMain(['b.md', '--cache', '-f', 'json'], { cwd: dir });
    const restored = (JSON.parse(cached.stdout) as { messages: { section: string }[] }[])[0]!.messages.map((m) => m.section);
    expect(restored.map((s) => (s === 'EDITED > Section' ? original : s))).toEqual(sections);
    expect(restored).toContain('EDITED > Section');
  });
});
