/**
 * Configuration (src/config/*.ts, src/config/presets.ts): the cascade and `root`,
 * `extends` (presets and files), severities and options, convenience
 * settings, guidance overrides, packs, ignores and every kind of error, in
 * process with a small set of stand-in rules (the CLI tests use the real ones).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, ConfigResolver, describeConfig, enabledRules, starterConfig, type ResolvedConfig } from '../src/config/index.js';
import { readStructured } from '../src/config/structured.js';
import { parseConfig } from '../src/config/schema.js';
import { editionInForce, GUIDANCE } from '../src/domain/guidance.js';
import { nearest, levenshtein } from '../src/config/errors.js';
import type { Rule, RuleMeta } from '../src/types.js';
import { docOf, FIXTURES, ROOT, testFolder } from './helpers.js';
import { runRules } from '../src/engine/engine.js';
import { RULES } from '../rules/index.js';

function fakeRule(id: string, severity: RuleMeta['severity'], options?: RuleMeta['options']): Rule {
  return {
    meta: { id, description: `Stand-in ${id}.`, severity, fixable: false, rationale: 'test', sources: [{ title: 'test' }], examples: [], ...(options ? { options } : {}) },
    check: () => undefined,
  };
}

const BUILTINS: Rule[] = [
  fakeRule('consistent-terminology', 'warning', { preferred: { type: 'array', items: { type: 'string' }, description: 'keep', default: [] } }),
  fakeRule('empty-link', 'warning'),
  fakeRule('required-sections', 'warning', {
    sections: {
      type: 'array',
      items: { anyOf: [{ type: 'string' }, { type: 'object', properties: { name: { type: 'string' } }, required: ['name'], additionalProperties: false }] },
      description: 'sections',
      default: [],
    },
  }),
  fakeRule('review-date', 'error', { maxCycleMonths: { type: 'number', description: 'months', default: 12, minimum: 1, maximum: 120 } }),
  fakeRule('toggle', 'error', { strict: { type: 'boolean', description: 'b', default: false }, mode: { type: 'string', description: 's', default: 'a' } }),
];

const tmpRoot = testFolder('config');
let counter = 0;

/** A fresh folder tree: { 'a/.policylintrc.yaml': '...' }. Returns its root. */
function tree(files: Record<string, string>): string {
  const root = path.join(tmpRoot, `t${counter++}`);
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  fs.mkdirSync(root, { recursive: true });
  return root;
}

function resolver(cwd: string, extra: Partial<ConstructorParameters<typeof ConfigResolver>[0]> = {}): ConfigResolver {
  return new ConfigResolver({ cwd, builtins: BUILTINS, today: () => new Date('2026-11-24T00:00:00Z'), ...extra });
}

function severities(config: ResolvedConfig): Record<string, string> {
  return Object.fromEntries(Object.entries(config.rules).map(([id, s]) => [id, s.severity]));
}

/** The one-line message of the ConfigError thrown by `fn`, paths relative to `cwd`. */
function errorOf(fn: () => unknown, cwd: string): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.format(cwd);
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const HERTS = ['hertfordshire/virtual-school-address', 'hertfordshire/virtual-school-in-roles', 'hertfordshire/virtual-school-contact'];

describe('the embedded default (policy-lint:recommended)', () => {
  it('applies when no configuration file is found: every rule at its default severity, Hertfordshire pack on', () => {
    const root = tree({ 'root/.policylintrc.yaml': 'root: true\n' });
    const config = resolver(root).forDirectory(root);
    expect(config.files).toEqual([]);
    expect(severities(config)).toEqual({
      'consistent-terminology': 'warning',
      'empty-link': 'warning',
      'required-sections': 'warning',
      'review-date': 'error',
      toggle: 'error',
      'hertfordshire/virtual-school-address': 'error',
      'hertfordshire/virtual-school-in-roles': 'warning',
      'hertfordshire/virtual-school-contact': 'warning',
    });
    expect(config.settings.asOf.toISOString()).toBe('2026-11-24T00:00:00.000Z');
    expect(config.settings.directives?.knownRules).toEqual([...BUILTINS.map((r) => r.meta.id), ...HERTS]);
    expect(enabledRules(config).map((e) => e.rule.meta.id)).toHaveLength(8);
  });
});

describe('the cascade', () => {
  const root = tree({
    '.policylintrc.yaml': 'root: true\nrules:\n  empty-link: off\n  toggle: [warn, { mode: trust }]\nsettings:\n  asOf: 2026-09-01\n',
    'school/.policylintrc.json': '{ "rules": { "empty-link": "warn", "toggle": ["error", { "strict": true }] } }\n',
    'school/drafts/.policylintrc.yml': 'rules:\n  review-date: off\n',
    'other/.policylintrc.yaml': 'root: true\n',
  });

  it('merges the nearest file over its ancestors', () => {
    const r = resolver(root);
    const top = r.forFile(path.join(root, 'policy.md'));
    expect(top.files).toEqual([path.join(root, '.policylintrc.yaml')]);
    expect(top.rules['empty-link']).toEqual({ severity: 'off', options: {} });
    expect(top.settings.asOf.toISOString().slice(0, 10)).toBe('2026-09-01');

    const school = r.forFile(path.join(root, 'school', 'policy.md'));
    expect(school.files).toEqual([path.join(root, '.policylintrc.yaml'), path.join(root, 'school', '.policylintrc.json')]);
    expect(school.rules['empty-link']!.severity).toBe('warning');
    // Options merge key by key; the severity is the nearest one.
    expect(school.rules.toggle).toEqual({ severity: 'error', options: { mode: 'trust', strict: true } });

    const drafts = r.forFile(path.join(root, 'school', 'drafts', 'x.md'));
    expect(drafts.files).toHaveLength(3);
    expect(drafts.rules['review-date']!.severity).toBe('off');
    expect(drafts.rules['empty-link']!.severity).toBe('warning');
  });

  it('stops at root: true', () => {
    const other = resolver(root).forFile(path.join(root, 'other', 'p.md'));
    expect(other.files).toEqual([path.join(root, 'other', '.policylintrc.yaml')]);
    expect(other.rules['empty-link']!.severity).toBe('warning');
    expect(other.settings.asOf.toISOString().slice(0, 10)).toBe('2026-11-24');
  });

  it('does not read files above a root: true file (a broken one there is never seen)', () => {
    const t = tree({ '.policylintrc.yaml': 'rules: [\n', 'inner/.policylintrc.yaml': 'root: true\n' });
    expect(resolver(t).forFile(path.join(t, 'inner', 'p.md')).files).toEqual([path.join(t, 'inner', '.policylintrc.yaml')]);
    expect(errorOf(() => resolver(t).forFile(path.join(t, 'p.md')), t)).toBe(
      '.policylintrc.yaml:2:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    );
  });

  it('uses only the --config file when one is given', () => {
    const r = resolver(root, { configFile: 'other/.policylintrc.yaml' });
    expect(r.forFile(path.join(root, 'school', 'p.md')).files).toEqual([path.join(root, 'other', '.policylintrc.yaml')]);
  });

  it('lets --as-of override settings.asOf', () => {
    const r = resolver(root, { asOf: new Date('2025-01-01T00:00:00Z') });
    expect(r.forFile(path.join(root, 'p.md')).settings.asOf.toISOString().slice(0, 10)).toBe('2025-01-01');
  });

  it('prefers .policylintrc.yaml over .yml and .json in one folder', () => {
    const t = tree({ '.policylintrc.json': '{"rules": {"toggle": "off"}}', '.policylintrc.yaml': 'root: true\nrules: { toggle: warn }\n' });
    expect(resolver(t).forDirectory(t).rules.toggle!.severity).toBe('warning');
  });
});

describe('extends', () => {
  it('policy-lint:strict makes every warning an error, pack rules included; later entries override', () => {
    const t = tree({ '.policylintrc.yaml': 'root: true\nextends: policy-lint:strict\nrules:\n  toggle: warn\n  empty-link: off\n' });
    expect(severities(resolver(t).forDirectory(t))).toEqual({
      'consistent-terminology': 'error',
      'empty-link': 'off',
      'required-sections': 'error',
      'review-date': 'error',
      toggle: 'warning',
      'hertfordshire/virtual-school-address': 'error',
      'hertfordshire/virtual-school-in-roles': 'error',
      'hertfordshire/virtual-school-contact': 'error',
    });
  });

  it('strict also raises pack rules loaded further down the cascade', () => {
    const pack = fs.readFileSync(path.join(FIXTURES, 'config', 'packs', 'test-pack.yaml'), 'utf8');
    const t = tree({ '.policylintrc.yaml': 'root: true\nextends: [policy-lint:strict]\n', 'sub/.policylintrc.yaml': 'packs: [./p.yaml]\n', 'sub/p.yaml': pack });
    const config = resolver(t).forDirectory(path.join(t, 'sub'));
    expect(config.rules['test-pack/no-pandemic-wording']!.severity).toBe('error');
  });

  it('a later preset overrides an earlier one (recommended puts severities back)', () => {
    const t = tree({ '.policylintrc.yaml': 'root: true\nextends: [policy-lint:strict, policy-lint:recommended]\n' });
    expect(resolver(t).forDirectory(t).rules['empty-link']!.severity).toBe('warning');
  });

  it('extends relative files in order, then the file itself', () => {
    const t = tree({
      'shared/trust.yaml': 'rules:\n  toggle: [warn, { mode: a }]\n  empty-link: off\n',
      'shared/strict-dates.json': '{ "extends": "./trust.yaml", "rules": { "toggle": ["error", { "mode": "b" }] } }',
      'school/.policylintrc.yaml': 'root: true\nextends:\n  - ../shared/strict-dates.json\nrules:\n  empty-link: error\n',
    });
    const config = resolver(t).forDirectory(path.join(t, 'school'));
    expect(config.rules.toggle).toEqual({ severity: 'error', options: { mode: 'b' } });
    expect(config.rules['empty-link']!.severity).toBe('error');
  });

  it('refuses a cycle', () => {
    const t = tree({ '.policylintrc.yaml': 'root: true\nextends: ./a.yaml\n', 'a.yaml': 'extends: ./b.yaml\n', 'b.yaml': 'rules: {}\nextends:\n  - ./a.yaml\n' });
    expect(errorOf(() => resolver(t).forDirectory(t), t)).toBe('b.yaml:3:5: extends: cycle: a.yaml -> b.yaml -> a.yaml');
  });

  it('refuses an unknown preset or a missing file', () => {
    const t = tree({ '.policylintrc.yaml': 'root: true\nextends: policy-lint:strcit\n', 'x/.policylintrc.yaml': 'root: true\nextends: ./nope.yaml\n' });
    expect(errorOf(() => resolver(t).forDirectory(t), t)).toBe(
      '.policylintrc.yaml:2:10: extends: unknown preset "policy-lint:strcit"; did you mean "policy-lint:strict"? (presets: policy-lint:recommended, policy-lint:strict)',
    );
    expect(errorOf(() => resolver(t).forDirectory(path.join(t, 'x')), t)).toBe(
      'x/.policylintrc.yaml:2:10: extends: "./nope.yaml" is neither a preset (policy-lint:recommended, policy-lint:strict) nor a configuration file (paths are relative to the folder of this file)',
    );
  });
});

describe('rules: severities and options', () => {
  const check = (yaml: string): string => {
    const t = tree({ '.policylintrc.yaml': `root: true\n${yaml}` });
    return errorOf(() => resolver(t).forDirectory(t), t);
  };

  it.each([
    ['rules:\n  empty-lnk: off\n', '.policylintrc.yaml:3:3: rules: unknown rule "empty-lnk"; did you mean "empty-link"?'],
    ['rules:\n  completely-unknown: off\n', '.policylintrc.yaml:3:3: rules: unknown rule "completely-unknown" (policy-lint --list-rules lists the rules)'],
    ['rules:\n  empty-link: high\n', '.policylintrc.yaml:3:15: rules.empty-link: expected a severity "off", "warn" or "error", got "high"'],
    ['rules:\n  empty-link: 2\n', '.policylintrc.yaml:3:15: rules.empty-link: expected a severity "off", "warn" or "error", got 2'],
    [
      'rules:\n  empty-link: { severity: warn }\n',
      '.policylintrc.yaml:3:15: rules.empty-link: expected a severity ("off", "warn" or "error") or [severity, {options}], got a mapping; write options as [warn, {name: value}]',
    ],
    ['rules:\n  empty-link: [warn, { x: 1 }]\n', '.policylintrc.yaml:3:24: rules.empty-link: rule "empty-link" has no options, so "x" cannot be set'],
    [
      'rules:\n  review-date: [error, { maxCycle: 24 }]\n',
      '.policylintrc.yaml:3:26: rules.review-date: unknown option "maxCycle" for rule "review-date"; did you mean "maxCycleMonths"? (options: maxCycleMonths)',
    ],
    ['rules:\n  review-date: [error, { maxCycleMonths: "24" }]\n', '.policylintrc.yaml:3:42: rules.review-date.maxCycleMonths: expected a number, got the text "24"'],
    ['rules:\n  review-date: [error, { maxCycleMonths: 0 }]\n', '.policylintrc.yaml:3:42: rules.review-date.maxCycleMonths: expected a number of at least 1, got 0'],
    [
      'rules:\n  review-date: [error, { maxCycleMonths: 99999999999999999999999 }]\n',
      '.policylintrc.yaml:3:42: rules.review-date.maxCycleMonths: expected a number of at most 120, got 1e+23',
    ],
    ['rules:\n  review-date: [error, { maxCycleMonths: .inf }]\n', '.policylintrc.yaml:3:42: rules.review-date.maxCycleMonths: expected a number, got the number Infinity'],
    ['rules:\n  toggle: [error, { strict: "yes" }]\n', '.policylintrc.yaml:3:29: rules.toggle.strict: expected true or false, got the text "yes"'],
    ['rules:\n  toggle: [error, { mode: [a] }]\n', '.policylintrc.yaml:3:27: rules.toggle.mode: expected a text, got a list'],
    ['rules:\n  consistent-terminology: [warn, { preferred: [PLA, 3] }]\n', '.policylintrc.yaml:3:53: rules.consistent-terminology.preferred[1]: expected a text, got the number 3'],
    ['rules:\n  toggle: [error, {}, {}]\n', '.policylintrc.yaml:3:11: rules.toggle: expected [severity] or [severity, {options}], got a list of 3'],
    ['rules:\n  nopack/*: off\n', '.policylintrc.yaml:3:3: rules.nopack/*: no rule pack named "nopack" is loaded (packs: hertfordshire)'],
    ['rules:\n  policy-lint/directive: off\n', '.policylintrc.yaml:3:3: rules.policy-lint/directive: the directive checks cannot be configured'],
    ['rules:\n  policy-lint/encoding: off\n', '.policylintrc.yaml:3:3: rules.policy-lint/encoding: the encoding warning cannot be configured (save the file as UTF-8 to clear it)'],
    ['rules: [empty-link]\n', '.policylintrc.yaml:2:8: rules: expected a mapping (key: value lines), got a list'],
    ['rulez: {}\n', '.policylintrc.yaml:2:1: configuration: unknown key "rulez"; did you mean "rules"? (allowed: root, extends, rules, settings, ignores, packs, profile)'],
    ['extends: [3]\n', '.policylintrc.yaml:2:11: extends[0]: expected a text or a list of texts, got the number 3'],
  ])('refuses %j', (yaml, message) => {
    expect(check(yaml)).toBe(message);
  });

  it('refuses a root that is not true or false', () => {
    const t = tree({ '.policylintrc.yaml': 'root: yes\n' });
    expect(errorOf(() => resolver(t).forDirectory(t), t)).toBe('.policylintrc.yaml:1:7: root: expected true or false, got the text "yes"');
  });

  it('accepts warn/warning/error/off and [severity] forms', () => {
    const t = tree({ '.policylintrc.yaml': 'root: true\nrules:\n  empty-link: [error]\n  toggle: warning\n  review-date: [warn, { maxCycleMonths: 24 }]\n' });
    const config = resolver(t).forDirectory(t);
    expect(config.rules['empty-link']!.severity).toBe('error');
    expect(config.rules.toggle!.severity).toBe('warning');
    expect(config.rules['review-date']).toEqual({ severity: 'warning', options: { maxCycleMonths: 24 } });
    expect(enabledRules(config).find((e) => e.rule.meta.id === 'review-date')!.options).toEqual({ maxCycleMonths: 24 });
  });

  it('switches every rule of a pack with "pack/*", and single rules after it', () => {
    const t = tree({ '.policylintrc.yaml': 'root: true\nrules:\n  hertfordshire/virtual-school-contact: error\n  hertfordshire/*: off\n' });
    const config = resolver(t).forDirectory(t);
    expect(HERTS.map((id) => config.rules[id]!.severity)).toEqual(['off', 'off', 'error']);
  });
});

describe('settings', () => {
  it('maps the convenience settings onto rule options', () => {
    const t = tree({
      '.policylintrc.yaml':
        'root: true\nsettings:\n  reviewCycleMonths: 24\n  requiredSections: [Attendance, { name: Safeguarding }]\n  preferredTerms: [CPLA]\nrules:\n  consistent-terminology: [warn, { preferred: [PLA] }]\n',
    });
    const config = resolver(t).forDirectory(t);
    expect(config.rules['review-date']!.options).toEqual({ maxCycleMonths: 24 });
    expect(config.rules['required-sections']!.options).toEqual({ sections: ['Attendance', { name: 'Safeguarding' }] });
    // An explicit rule option in the same file wins over the convenience setting.
    expect(config.rules['consistent-terminology']!.options).toEqual({ preferred: ['PLA'] });
  });

  it('checks convenience settings against the option they set', () => {
    const t = tree({ '.policylintrc.yaml': 'root: true\nsettings:\n  reviewCycleMonths: 0\n' });
    expect(errorOf(() => resolver(t).forDirectory(t), t)).toBe('.policylintrc.yaml:3:22: settings.reviewCycleMonths: expected a number of at least 1, got 0');
    const u = tree({ '.policylintrc.yaml': 'root: true\nsettings:\n  reviewCycleMonths: 12\n' });
    expect(errorOf(() => resolver(u, { builtins: BUILTINS.filter((r) => r.meta.id !== 'review-date') }).forDirectory(u), u)).toBe(
      '.policylintrc.yaml:3:22: settings.reviewCycleMonths: sets the "maxCycleMonths" option of rule "review-date", which this version of policy-lint does not have',
    );
  });

  it.each([
    ['settings:\n  asOf: 2026-02-30\n', '.policylintrc.yaml:3:9: settings.asOf: "2026-02-30" is not a real date (February 2026 has 28 days)'],
    ['settings:\n  asOf: 2026\n', '.policylintrc.yaml:3:9: settings.asOf: expected a date in the form YYYY-MM-DD (e.g. 2026-09-01), got 2026'],
    [
      'settings:\n  asof: 2026-01-01\n',
      '.policylintrc.yaml:3:3: settings: unknown key "asof"; did you mean "asOf"? (allowed: asOf, guidance, model, reportUnusedDirectives, noInlineConfig, reviewCycleMonths, requiredSections, preferredTerms)',
    ],
    ['settings: []\n', '.policylintrc.yaml:2:11: settings: expected a mapping (key: value lines), got a list'],
  ])('refuses %j', (yaml, message) => {
    const t = tree({ '.policylintrc.yaml': `root: true\n${yaml}` });
    expect(errorOf(() => resolver(t).forDirectory(t), t)).toBe(message);
  });
});

describe('settings.guidance', () => {
  const resolve = (yaml: string): ResolvedConfig => {
    const t = tree({ '.policylintrc.yaml': `root: true\nsettings:\n  guidance:\n${yaml}` });
    return resolver(t).forDirectory(t);
  };
  const fails = (yaml: string): string => {
    const t = tree({ '.policylintrc.yaml': `root: true\nsettings:\n  guidance:\n${yaml}` });
    return errorOf(() => resolver(t).forDirectory(t), t);
  };

  it('adds a newer KCSIE edition, which becomes the edition in force', () => {
    // The registry expects KCSIE 2026; confirming it (with its in-force date) makes it the edition in force.
    const config = resolve('    series:\n      kcsie:\n        editions:\n          - { edition: 2026, certainty: confirmed, inForce: 2026-09-01 }\n');
    const kcsie = config.settings.guidance.series.kcsie!;
    expect(kcsie.editions.map((e) => e.edition)).toEqual(['2021', '2022', '2023', '2024', '2025', '2026']);
    expect(editionInForce(kcsie, config.settings.asOf)!.edition).toBe('2026');
    expect(kcsie.title).toBe('Keeping Children Safe in Education');
    expect(config.settings.guidance.version).toMatch(/\+config$/);
  });

  it('changes fields of an existing edition, and confirms an expected one', () => {
    const config = resolve(
      '    series:\n      kcsie:\n        editions:\n          - edition: "2026"\n            certainty: confirmed\n            inForce: 2026-09-02\n            checked: 2026-12-02\n',
    );
    const e = config.settings.guidance.series.kcsie!.editions.find((x) => x.edition === '2026')!;
    expect(e).toMatchObject({ edition: '2026', year: 2026, certainty: 'confirmed', inForce: '2026-09-02', checked: '2026-12-02' });
    expect(e.expected).toBeUndefined();
  });

  it('adds a programme and a new series, and replaces single values', () => {
    const config = resolve(
      '    fullTimeHours: 33\n' +
        '    programmes:\n      - { id: local-fund, name: Local Fund, patterns: ["Local\\\\s+Fund"], ended: 2025-03-31, note: Ended. }\n' +
        '    series:\n      local-guide:\n        title: Local guide\n        editions:\n          - { edition: "2024", year: 2024, inForce: 2024-04-01 }\n',
    );
    expect(config.settings.guidance.fullTimeHours).toBe(33);
    expect(config.settings.guidance.programmes.at(-1)).toEqual({ id: 'local-fund', name: 'Local Fund', patterns: ['Local\\s+Fund'], ended: '2025-03-31', note: 'Ended.' });
    expect(config.settings.guidance.series['local-guide']).toEqual({
      id: 'local-guide',
      title: 'Local guide',
      aliases: ['Local guide'],
      // Written by the user without a certainty: confirmed by the user.
      editions: [{ edition: '2024', certainty: 'confirmed', year: 2024, inForce: '2024-04-01' }],
    });
  });

  it('does not change the shared registry', () => {
    resolve('    fullTimeHours: 30\n');
    const t = tree({ '.policylintrc.yaml': 'root: true\n' });
    expect(resolver(t).forDirectory(t).settings.guidance.fullTimeHours).toBe(32.5);
  });

  it.each([
    ['    serie: {}\n', '.policylintrc.yaml:4:5: settings.guidance: unknown field "serie"; did you mean "series"? (fields:'],
    [
      '    series:\n      kcsie:\n        editions:\n          - { edition: "2026", year: 2026, inForce: 2026-13-01 }\n',
      '.policylintrc.yaml:7:53: settings.guidance.series.kcsie.editions[edition=2026].inForce: "2026-13-01" is not a real date (there is no month 13)',
    ],
    [
      '    series:\n      kcsie:\n        editions:\n          - { edition: "2027", year: 2027 }\n',
      '.policylintrc.yaml:7:13: settings.guidance.series.kcsie.editions[edition=2027]: a confirmed edition needs "inForce"',
    ],
    [
      '    series:\n      kcsie:\n        editions:\n          - { edition: "2027", year: 2027, certainty: likely }\n',
      '.policylintrc.yaml:7:55: settings.guidance.series.kcsie.editions[edition=2027].certainty: expected one of "confirmed", "expected", got "likely"',
    ],
    [
      '    series:\n      kcsie:\n        editions:\n          - { year: 2026 }\n',
      '.policylintrc.yaml:7:13: settings.guidance.series.kcsie.editions[0]: missing "edition", which says which entry this is',
    ],
    [
      '    series:\n      kcsie:\n        editions:\n          - { edition: "2026", year: 20026, inForce: 2026-09-01 }\n',
      '.policylintrc.yaml:7:38: settings.guidance.series.kcsie.editions[edition=2026].year: expected a year between 1900 and 2200, got 20026',
    ],
    ['    fullTimeHours: lots\n', '.policylintrc.yaml:4:20: settings.guidance.fullTimeHours: expected a number, got the text "lots"'],
    [
      '    renames:\n      - { id: steps-email, pattern: "(a|a)*b" }\n',
      '.policylintrc.yaml:5:37: settings.guidance.renames[id=steps-email].pattern: the regular expression "(a|a)*b" can take exponential time (each extra character can double it) on some text: ',
    ],
  ])('refuses %j', (yaml, message) => {
    expect(fails(yaml)).toContain(message);
  });
});

describe('packs', () => {
  const testPack = fs.readFileSync(path.join(FIXTURES, 'config', 'packs', 'test-pack.yaml'), 'utf8');

  it('loads a relative pack; its rules are configurable like built-ins', () => {
    const t = tree({
      'packs/test-pack.yaml': testPack,
      '.policylintrc.yaml': 'root: true\npacks: [./packs/test-pack.yaml]\nrules:\n  test-pack/kcsie-year: error\n  test-pack/british-spelling: off\n',
    });
    const config = resolver(t).forDirectory(t);
    expect(config.packs!.map((p) => p.name)).toEqual(['hertfordshire', 'test-pack']);
    expect(config.rules['test-pack/kcsie-year']!.severity).toBe('error');
    expect(config.rules['test-pack/british-spelling']!.severity).toBe('off');
    expect(config.rules['test-pack/no-pandemic-wording']!.severity).toBe('warning');
  });

  it('loads a pack from an npm package installed below the configuration (policy-lint field, else main)', () => {
    const t = tree({
      'node_modules/@trust/policy-rules/package.json': '{ "name": "@trust/policy-rules", "policy-lint": "rules/pack.yaml" }',
      'node_modules/@trust/policy-rules/rules/pack.yaml': testPack,
      'node_modules/plain-pack/package.json': '{ "name": "plain-pack", "main": "pack.yml" }',
      'node_modules/plain-pack/pack.yml': 'name: plain\nrules:\n  - { id: plain/x, type: existence, message: m, tokens: [x] }\n',
      'school/.policylintrc.yaml': 'root: true\npacks:\n  - "@trust/policy-rules"\n  - plain-pack\n',
    });
    const config = resolver(t).forDirectory(path.join(t, 'school'));
    expect(config.packs!.map((p) => p.name)).toEqual(['hertfordshire', 'test-pack', 'plain']);
  });

  it.each([
    ['packs: [./missing.yaml]\n', '.policylintrc.yaml:2:9: pack file "./missing.yaml" not found (paths in packs are relative to the folder of this configuration file)'],
    [
      'packs: [not-installed]\n',
      '.policylintrc.yaml:2:9: npm package "not-installed" not found: install it with "npm install not-installed" in this project, or give a path such as "./not-installed.yaml"',
    ],
    ['packs: [policy-lint:surrey]\n', '.policylintrc.yaml:2:9: unknown built-in pack "policy-lint:surrey" (built-in packs: policy-lint:hertfordshire)'],
    [
      'packs: [./dup.yaml]\n',
      '.policylintrc.yaml:2:9: packs: the pack "./dup.yaml" is named "hertfordshire", like the pack already loaded from policy-lint:hertfordshire; two packs cannot share a name',
    ],
    [
      'packs: [./stale.yaml]\n',
      `stale.yaml:2:91: stale/x: minimum: unknown guidance series "kcsi"; did you mean "kcsie"? (series: ${Object.keys(GUIDANCE.series).join(', ')}; or give a year such as 2024)`,
    ],
  ])('refuses %j', (yaml, message) => {
    const t = tree({
      '.policylintrc.yaml': `root: true\n${yaml}`,
      'dup.yaml': 'name: hertfordshire\nrules: []\n',
      'stale.yaml': 'name: stale\nrules: [{ id: stale/x, type: stale-year, message: m, pattern: "(?<year>\\\\d{4})", minimum: kcsi }]\n',
    });
    expect(errorOf(() => resolver(t).forDirectory(t), t)).toBe(message);
  });
});

describe('ignores', () => {
  it('ignores files by gitignore patterns relative to the configuration file', () => {
    const t = tree({ '.policylintrc.yaml': 'root: true\nignores:\n  - archive/\n  - "*.draft.md"\n', 'school/.policylintrc.yaml': 'ignores: [old.md]\n' });
    const r = resolver(t);
    const at = (rel: string): string | undefined => r.ignoredBy(path.join(t, rel), r.forFile(path.join(t, rel)));
    expect(at('archive/2019.md')).toBe('"ignores" in .policylintrc.yaml');
    expect(at('school/x.draft.md')).toBe('"ignores" in .policylintrc.yaml');
    expect(at('school/old.md')).toBe('"ignores" in school/.policylintrc.yaml');
    expect(at('old.md')).toBeUndefined();
    expect(at('school/policy.md')).toBeUndefined();
  });
});

describe('reading files', () => {
  it('refuses a YAML alias bomb with one line', () => {
    let text = 'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
    let prev = 'a';
    for (const name of 'bcdefghi') {
      text += `${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]\n`;
      prev = name;
    }
    expect(() => readStructured('/x/bomb.yaml', text, 'yaml')).toThrow(
      '/x/bomb.yaml:2:8: refused: the YAML aliases (*name) would expand to an enormous amount of data (more than 100 alias expansions); write the values out instead',
    );
  });

  it('refuses a file nested far too deeply', () => {
    expect(() => readStructured('/x/deep.yaml', `a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, 'yaml')).toThrow(
      '/x/deep.yaml:1:1: refused: the file is nested far too deeply to be a configuration',
    );
    expect(() => readStructured('/x/deep.yaml', `a: ${'['.repeat(150)}${']'.repeat(150)}\n`, 'yaml')).toThrow(
      '/x/deep.yaml:1:103: refused: the file holds more than 100000 values or is nested more than 100 levels deep',
    );
  });

  it('accepts a few ordinary aliases', () => {
    const node = readStructured('/x/ok.yaml', 'a: &w [x, y]\nb: *w\n', 'yaml');
    expect(node.kind === 'map' && node.entries[1]!.value.kind).toBe('seq');
  });

  it('reports JSON syntax errors at their line and column', () => {
    expect(() => parseConfig('/x/.policylintrc.json', '{\n  "rules": {\n    "a": "off",\n  }\n}\n')).toThrow('/x/.policylintrc.json:4:3: invalid JSON: Expected double-quoted property name');
  });

  it('refuses duplicate keys, several documents and files over 1 MB', () => {
    expect(() => parseConfig('/x/c.yaml', 'rules: {}\nrules: {}\n')).toThrow('/x/c.yaml:2:1: invalid YAML: Map keys must be unique');
    expect(() => parseConfig('/x/c.yaml', 'root: true\n---\nroot: false\n')).toThrow('/x/c.yaml:2:1: more than one YAML document');
    expect(() => parseConfig('/x/c.yaml', `# ${'x'.repeat(1024 * 1024)}\n`)).toThrow('/x/c.yaml:1:1: the file is larger than 1 MB');
  });

  it('treats an empty file as an empty configuration, and refuses a list', () => {
    expect(parseConfig('/x/c.yaml', '')).toMatchObject({ root: false, rules: [], extends: [] });
    expect(() => parseConfig('/x/c.yaml', '- a\n')).toThrow('/x/c.yaml:1:1: a configuration file must be a mapping of settings');
  });

  it('does not let a __proto__ key reach object prototypes', () => {
    const t = tree({ '.policylintrc.yaml': 'root: true\nrules:\n  toggle: [warn, { __proto__: { polluted: 1 } }]\n' });
    expect(errorOf(() => resolver(t).forDirectory(t), t)).toContain('unknown option "__proto__"');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('describeConfig (--print-config) and the starter file', () => {
  it('prints sorted keys, the files used, packs and effective options', () => {
    const t = tree({ '.policylintrc.yaml': 'root: true\nrules:\n  review-date: [warn, { maxCycleMonths: 18 }]\nignores: [old/]\n' });
    const described = describeConfig(resolver(t).forDirectory(t), t) as Record<string, unknown>;
    expect(Object.keys(described)).toEqual(['configFiles', 'ignores', 'packs', 'profile', 'profiles', 'rules', 'settings']);
    expect(described.configFiles).toEqual(['.policylintrc.yaml']);
    expect(described.ignores).toEqual([{ base: '.', patterns: ['old/'] }]);
    expect(described.packs).toEqual([{ file: 'policy-lint:hertfordshire', name: 'hertfordshire', rules: HERTS }]);
    const rules = described.rules as Record<string, unknown>;
    expect(Object.keys(rules)).toEqual([...Object.keys(rules)].sort());
    expect(rules['review-date']).toEqual(['warn', { maxCycleMonths: 18 }]);
    expect(rules['empty-link']).toBe('warn');
    expect((described.settings as { asOf: string }).asOf).toBe('2026-11-24');
  });

  it('writes a starter that is itself a valid configuration', () => {
    for (const preset of ['policy-lint:recommended', 'policy-lint:strict']) {
      const t = tree({ '.policylintrc.yaml': starterConfig(preset) });
      const config = resolver(t).forDirectory(t);
      expect(config.files).toEqual([path.join(t, '.policylintrc.yaml')]);
      expect(config.rules['empty-link']!.severity).toBe(preset.endsWith('strict') ? 'error' : 'warning');
    }
  });
});

describe('suggestions', () => {
  it('measures edit distance and suggests only near names', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(nearest('empty-lnk', ['empty-link', 'review-date'])).toBe('empty-link');
    expect(nearest('zzzz', ['empty-link', 'review-date'])).toBeUndefined();
  });
});

describe('the documented examples', () => {
  it('the complete configuration (docs/configuration.md) and the pack example (docs/rule-packs.md) are valid, and do what they say', () => {
    const yamlBlocks = (page: string): string[] => [...fs.readFileSync(path.join(ROOT, 'docs', page), 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const blocks = [yamlBlocks('configuration.md')[0]!, yamlBlocks('rule-packs.md')[0]!];
    const t = tree({ '.policylintrc.yaml': blocks[0]!, 'our-authority.yaml': blocks[1]! });
    const config = new ConfigResolver({ cwd: t, builtins: RULES }).forDirectory(t);
    expect(config.rules['empty-link']!.severity).toBe('warning');
    expect(config.rules['contents-match']!.severity).toBe('off');
    expect(config.rules['review-date']).toMatchObject({ severity: 'error', options: { maxCycleMonths: 24 } });
    expect(config.rules['hertfordshire/virtual-school-contact']!.severity).toBe('off');
    expect(config.rules['our-authority/no-lac']!.severity).toBe('error'); // strict raises the pack's warning
    expect(config.settings.asOf.toISOString().slice(0, 10)).toBe('2026-09-01');
    expect(config.settings.guidance.series.kcsie!.editions.at(-1)!.edition).toBe('2026');
    expect(config.packs!.map((p) => p.name)).toEqual(['hertfordshire', 'our-authority']);
    const pack = enabledRules(config).filter((e) => e.rule.meta.id.startsWith('our-authority/'));
    const found = runRules(docOf('Email vs-old@example.gov.uk about LAC.\n\nKCSIE 2023 applies.\n'), pack, config.settings);
    expect(found.map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.severity}: ${d.message}`)).toEqual([
      '1:7 our-authority/virtual-school-email error: "vs-old@example.gov.uk" is the old mailbox: write "virtual.school@example.gov.uk".',
      '1:35 our-authority/no-lac error: Write "children looked after" rather than "LAC".',
      '3:7 our-authority/kcsie-year error: KCSIE 2023 is out of date: the edition in force is 2026.',
    ]);
  });
});
