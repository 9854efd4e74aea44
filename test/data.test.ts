/**
 * Facts as data (data/*.yaml): validated with file:line:column errors, read
 * from a snapshot that is ignored once the YAML changes, and hashed into the
 * cache key, so that editing a fact changes the findings of the next --cache
 * run without touching TypeScript. The tests point policy-lint at a copy of
 * data/ with POLICY_LINT_DATA.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { DATA_NAMES, dataSnapshotPath, parseData } from '../src/domain/data.js';
import { DATA_SCHEMAS } from '../src/domain/data-schema.js';
import { ConfigError } from '../src/config/errors.js';
import { GUIDANCE } from '../src/domain/guidance.js';
import { ROOT, spawnCli, writeIn } from './helpers.js';

let dir: string;
let data: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lint-data-'));
  data = path.join(dir, 'data');
  fs.cpSync(path.join(ROOT, 'data'), data, { recursive: true });
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const KCSIE_2027_CONFIRMED = [
  '      - edition: "2027"',
  '        year: 2027',
  '        inForce: 2027-09-01',
  '        certainty: confirmed',
  '        checked: 2027-07-10',
  '        source: https://www.gov.uk/government/publications/keeping-children-safe-in-education--2',
  '',
].join('\n');

/** Confirm the expected KCSIE 2026 in the copied guidance.yaml, as an officer would once gov.uk publishes it. */
function confirmKcsie2026(): void {
  const file = path.join(data, 'guidance.yaml');
  const text = fs.readFileSync(file, 'utf8');
  const from = '        certainty: expected\n        expected: 2026-09-01\n';
  expect(text).toContain(from);
  fs.writeFileSync(file, text.replace(from, '        certainty: confirmed\n        inForce: 2026-09-01\n        checked: 2026-12-02\n'));
}

/** Insert text after the last KCSIE edition of the copied guidance.yaml (before the next series). */
function addKcsieEdition(entry: string): void {
  const file = path.join(data, 'guidance.yaml');
  const text = fs.readFileSync(file, 'utf8');
  const at = text.indexOf('\n  behaviour-in-schools:');
  expect(at).toBeGreaterThan(0);
  fs.writeFileSync(file, `${text.slice(0, at + 1)}${entry}${text.slice(at + 1)}`);
}

function run(args: string[]) {
  return spawnCli(['--as-of', '2026-11-24', '--format', 'json', ...args], { cwd: dir, env: { POLICY_LINT_DATA: data } });
}

function findings(stdout: string): { ruleId: string; message: string; severity: number }[] {
  return (JSON.parse(stdout) as { messages: { ruleId: string; message: string; severity: number }[] }[]).flatMap((r) => r.messages);
}

describe('data/*.yaml', () => {
  it('every snapshot written by the build holds what its YAML says', () => {
    for (const name of DATA_NAMES) {
      const file = path.join(ROOT, 'data', `${name}.yaml`);
      const snapshot = JSON.parse(fs.readFileSync(dataSnapshotPath(name), 'utf8')) as { value: unknown };
      expect(snapshot.value, name).toEqual(parseData(name, file, fs.readFileSync(file, 'utf8')));
    }
  });

  it('the registry version is derived from the content, not a number kept by hand', () => {
    expect(GUIDANCE.version).toMatch(/^sha256:[0-9a-f]{12}$/);
  });

  it('confirming KCSIE 2026 in a copy of data/ changes the findings of the next --cache run', { timeout: 60_000 }, async () => {
    writeIn(dir, 'p.md', 'Staff read Keeping Children Safe in Education (September 2025).\n');
    const cache = ['--cache', '--cache-location', path.join(dir, 'cache.json'), 'p.md'];
    const first = await run(cache);
    expect(first.stderr).toBe('');
    // Expected, not confirmed: a warning that asks to check.
    expect(
      findings(first.stdout)
        .filter((f) => f.ruleId === 'kcsie-current' || f.ruleId === 'expected-guidance')
        .map((f) => [f.ruleId, f.severity]),
    ).toEqual([['expected-guidance', 1]]);
    const stored = JSON.parse(fs.readFileSync(path.join(dir, 'cache.json'), 'utf8')) as { entries: Record<string, unknown> };
    expect(Object.keys(stored.entries)).toEqual(['p.md']);
    confirmKcsie2026();
    const second = await run(cache);
    expect(second.stderr).toBe('');
    const kcsie = findings(second.stdout).filter((f) => f.ruleId === 'kcsie-current' || f.ruleId === 'expected-guidance');
    expect(kcsie.map((f) => [f.ruleId, f.severity])).toEqual([['kcsie-current', 2]]);
    expect(kcsie[0]!.message).toContain('the edition in force is KCSIE 2026, since 1 September 2026');
  });

  it("adding next year's KCSIE to a copy of data/ makes the 2026 edition out of date once in force", { timeout: 60_000 }, async () => {
    writeIn(dir, 'p.md', 'Staff read KCSIE 2026.\n');
    confirmKcsie2026();
    addKcsieEdition(KCSIE_2027_CONFIRMED);
    const r = await spawnCli(['--as-of', '2027-09-01', '--format', 'json', 'p.md'], { cwd: dir, env: { POLICY_LINT_DATA: data } });
    const kcsie = findings(r.stdout).filter((f) => f.ruleId === 'kcsie-current');
    expect(kcsie.map((f) => f.message)).toEqual(['KCSIE 2026 is out of date: the edition in force is KCSIE 2027, since 1 September 2027. Check the policy against KCSIE 2027 and cite it.']);
  });

  it('a comment changed in the YAML changes no fact and keeps the cache', { timeout: 60_000 }, async () => {
    writeIn(dir, 'p.md', 'We follow Hertfordshire Steps.\n');
    const cacheFile = path.join(dir, 'cache.json');
    const cache = ['--cache', '--cache-location', cacheFile, 'p.md'];
    // A file's entry is [its hash, the configuration key (which holds every data file's hash), its findings, ...]
    // (src/runner/cache.ts, PackedEntry); an entry made under other facts is not used, and is written anew.
    const entry = (): [string, string, number[]] => (JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as { entries: Record<string, [string, string, number[]]> }).entries['p.md']!;
    await run(cache);
    const [hash, key, findings] = entry();
    const file = path.join(data, 'guidance.yaml');
    fs.writeFileSync(file, `# an added comment\n${fs.readFileSync(file, 'utf8')}`);
    await run(cache);
    expect(entry().slice(0, 3)).toEqual([hash, key, findings]);
    // A changed fact is another configuration.
    confirmKcsie2026();
    await run(cache);
    expect(entry()[1]).not.toBe(key);
  });

  it('an invalid fact is one line naming file:line:column and what was expected, exit 2', { timeout: 60_000 }, async () => {
    addKcsieEdition(KCSIE_2027_CONFIRMED.replace('inForce: 2027-09-01', 'inForce: 1 September 2027'));
    writeIn(dir, 'p.md', 'Staff read KCSIE 2025.\n');
    const result = await run(['p.md']);
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    const text = fs.readFileSync(path.join(data, 'guidance.yaml'), 'utf8').split('\n');
    const line = text.findIndex((l) => l.includes('1 September 2027')) + 1;
    const column = text[line - 1]!.indexOf('1 September') + 1;
    expect(lines[0]).toBe(`policy-lint: data/guidance.yaml:${line}:${column}: guidance.series.kcsie.editions[6].inForce: expected a date in the form YYYY-MM-DD, got "1 September 2027"`);
    expect(result.stdout).toBe('');
  });

  it('schema errors name unknown fields, missing fields and wrong types with their position', () => {
    const cases: [string, string, RegExp][] = [
      ['guidance', 'series:\n  kcsie:\n    titel: KCSIE\n', /^g\.yaml:3:5: guidance\.series\.kcsie: unknown field "titel"; did you mean "title"\?/],
      [
        'vocabulary',
        'sections:\n  - id: a\n    title: A\n    role: middle\n    aliases: [A]\n',
        /^g\.yaml:4:11: vocabulary\.sections\[0\]\.role: expected one of "top", "sub", got "middle"/,
      ],
      ['roles', 'roles:\n  - id: a\n    name: A\n    label: A\n', /^g\.yaml:2:5: roles\.roles\[0\]: missing "pattern"/],
      ['terminology', 'groups:\n  - terms: [PLA]\n', /^g\.yaml:2:12: terminology\.groups\[0\]\.terms: expected at least 2 items/],
      ['placeholders', "patterns: ['(a+)+$']\nsourcePatterns: []\n", /^g\.yaml:1:12: placeholders\.patterns\[0\]: the regular expression/],
    ];
    for (const [name, text, expected] of cases) {
      let message = '';
      try {
        parseData(name as (typeof DATA_NAMES)[number], 'g.yaml', text);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        message = (error as ConfigError).format(process.cwd());
      }
      expect(message, name).toMatch(expected);
    }
  });

  it('every check of the schema, and those made after it (real dates, safe regular expressions, certainty), with its exact message and position', () => {
    const cases: [(typeof DATA_NAMES)[number], string, string][] = [
      ['roles', 'roles:\n  - id: a\n    name: A\n', 'g.yaml:2:5: roles.roles[0]: missing "label", "pattern"'],
      ['placeholders', "patterns: 'x'\nsourcePatterns: []\n", 'g.yaml:1:11: placeholders.patterns: expected a list (lines starting "- "), got the text "x"'],
      ['placeholders', "patterns: ['  ']\nsourcePatterns: []\n", 'g.yaml:1:12: placeholders.patterns[0]: expected a regular expression, got the text "  "'],
      ['terminology', 'groups:\n  - terms: [PLA, [x]]\n', 'g.yaml:2:18: terminology.groups[0].terms[1]: expected a text, got a list'],
      ['roles', 'roles: []\n', 'g.yaml:1:8: roles.roles: expected at least 1 item'],
      [
        'roles',
        'roles:\n  - id: a\n    name: A\n    label: A\n    pattern: x\n    abbreviations: 3\n',
        'g.yaml:6:20: roles.roles[0].abbreviations: expected a list (lines starting "- "), got the number 3',
      ],
      ['vocabulary', 'sections: nope\n', 'g.yaml:1:11: vocabulary.sections: expected a list (lines starting "- "), got the text "nope"'],
      ['vocabulary', '- a\n', 'g.yaml:1:1: vocabulary: expected a mapping (key: value lines), got a list'],
      [
        'guidance',
        'checked: 2026-02-30\nseries: {}\nfullTimeHours: 32.5\nfullTimeHoursSource: https://x.y\nkinshipCareFrom: 2024-09-01\nkinshipCareSource: https://x.y\nprogrammes: []\nrenames: []\n',
        'g.yaml:1:10: guidance.checked: expected a date in the form YYYY-MM-DD, got "2026-02-30"',
      ],
      [
        'guidance',
        'checked: 2026-02-01\nseries: {}\nfullTimeHours: 320\nfullTimeHoursSource: https://x.y\nkinshipCareFrom: 2024-09-01\nkinshipCareSource: https://x.y\nprogrammes: []\nrenames: []\n',
        'g.yaml:3:16: guidance.fullTimeHours: expected a number between 1 and 100, got the number 320',
      ],
      [
        'guidance',
        'checked: 2026-02-01\nseries: {}\nfullTimeHours: 32\nfullTimeHoursSource: www.x.y\nkinshipCareFrom: 2024-09-01\nkinshipCareSource: https://x.y\nprogrammes: []\nrenames: []\n',
        'g.yaml:4:22: guidance.fullTimeHoursSource: expected a web address (https://...), got "www.x.y"',
      ],
      [
        'guidance',
        'checked: 2026-02-01\nseries:\n  Bad_Id:\n    title: X\n    editions: []\nfullTimeHours: 32\nfullTimeHoursSource: https://x.y\nkinshipCareFrom: 2024-09-01\nkinshipCareSource: https://x.y\nprogrammes: []\nrenames: []\n',
        'g.yaml:3:3: guidance.series: "Bad_Id" is not a series id (e.g. kcsie): use lower-case words joined by "-"',
      ],
      [
        'guidance',
        'checked: 2026-02-01\nseries:\n  k:\n    title: X\n    editions:\n      - edition: 2026\n        year: 2026\n        certainty: confirmed\n        inForce: 2026-09-01\nfullTimeHours: 32\nfullTimeHoursSource: https://x.y\nkinshipCareFrom: 2024-09-01\nkinshipCareSource: https://x.y\nprogrammes: []\nrenames: []\n',
        'g.yaml:6:9: guidance.series.k.editions[0]: a confirmed fact needs "checked", "source"',
      ],
      [
        'guidance',
        'checked: 2026-02-01\nseries:\n  k:\n    title: X\n    editions:\n      - edition: 2026\n        year: 2026\n        certainty: expected\n        inForce: 2026-09-01\nfullTimeHours: 32\nfullTimeHoursSource: https://x.y\nkinshipCareFrom: 2024-09-01\nkinshipCareSource: https://x.y\nprogrammes: []\nrenames: []\n',
        'g.yaml:6:9: guidance.series.k.editions[0]: an expected edition gives its date as "expected", not "inForce" (write certainty: confirmed once it is confirmed)',
      ],
      [
        'guidance',
        'checked: 2026-02-01\nseries:\n  k:\n    title: X\n    editions:\n      - edition: 2026\n        year: 2026.5\n        certainty: expected\nfullTimeHours: 32\nfullTimeHoursSource: https://x.y\nkinshipCareFrom: 2024-09-01\nkinshipCareSource: https://x.y\nprogrammes: []\nrenames: []\n',
        'g.yaml:7:15: guidance.series.k.editions[0].year: expected a whole number between 1900 and 2200, got the number 2026.5',
      ],
      [
        'guidance',
        'checked: 2026-02-01\nseries:\n  k:\n    title: X\n    editions:\n      - edition: 2026\n        year: 2026\n        certainty: sure\nfullTimeHours: .inf\nfullTimeHoursSource: https://x.y\nkinshipCareFrom: 2024-09-01\nkinshipCareSource: https://x.y\nprogrammes: []\nrenames: []\n',
        'g.yaml:8:20: guidance.series.k.editions[0].certainty: expected one of "confirmed", "expected", got "sure"',
      ],
      [
        'guidance',
        'checked: 2026-02-01\nseries:\n  k:\n    title: X\n    editions:\n      - edition: 2026\n        year: 2026\n        certainty: expected\n        source: https://x.y\nfullTimeHours: 32\nfullTimeHoursSource: https://x.y\nkinshipCareFrom: 2024-09-01\nkinshipCareSource: https://x.y\nprogrammes: []\nrenames: []\nstatements:\n  - id: s\n    patterns: [a]\n    certainty: confirmed\n    note: n\n    source: https://x.y\n',
        'g.yaml:17:5: guidance.statements[0]: a confirmed fact needs "checked"',
      ],
      [
        'guidance',
        'checked: 2026-02-01\nseries:\n  k:\n    title: X\n    editions:\n      - edition: 2026\n        year: 2026\n        certainty: expected\n        source: https://x.y\nfullTimeHours: 32\nfullTimeHoursSource: https://x.y\nkinshipCareFrom: 2024-09-01\nkinshipCareSource: https://x.y\nprogrammes: []\nrenames:\n  - id: r\n    pattern: a\n    replacement: b\n    since: 2024-01-01\n    note: n\n    caseSensitive: yes\n',
        'g.yaml:21:20: guidance.renames[0].caseSensitive: expected true or false, got the text "yes"',
      ],
    ];
    for (const [name, text, expected] of cases) {
      let message = '';
      try {
        parseData(name, 'g.yaml', text);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        message = (error as ConfigError).format(process.cwd());
      }
      expect(message, text).toBe(expected);
    }
    // An edition written as a number is read as its digits.
    const ok =
      'checked: 2026-02-01\nseries:\n  k:\n    title: X\n    editions:\n      - { edition: 2026, year: 2026, certainty: expected, source: https://x.y }\nfullTimeHours: 32\nfullTimeHoursSource: https://x.y\nkinshipCareFrom: 2024-09-01\nkinshipCareSource: https://x.y\nprogrammes: []\nrenames: []\n';
    expect(parseData('guidance', 'g.yaml', ok)).toMatchObject({ series: { k: { editions: [{ edition: '2026', year: 2026 }] } } });
  });

  it('the schemas are JSON Schemas: a plain ajv compiles each (our keywords aside) and accepts data/ as shipped', () => {
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
    for (const keyword of ['regex', 'digits', 'certainty']) ajv.addKeyword({ keyword });
    for (const name of DATA_NAMES) {
      const check = ajv.compile(DATA_SCHEMAS[name] as object);
      const file = path.join(ROOT, 'data', `${name}.yaml`);
      expect(check(parse(fs.readFileSync(file, 'utf8'))), `${name}: ${ajv.errorsText(check.errors)}`).toBe(true);
    }
  });
});
