/**
 * Rule options are checked against each rule's JSON Schema where the
 * configuration is resolved: for EVERY option of every built-in rule, a value
 * of the wrong type and a value of the right type but wrong (out of range, not
 * one of the choices, a bad item) are refused by the CLI with exit code 2 and
 * one line naming the file, line, column and what was expected. The table is
 * checked to cover every option, so a new option cannot go untested.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { withDefaults } from '../src/engine/engine.js';
import { checkOptionValue } from '../src/config/options.js';
import { readStructured } from '../src/config/structured.js';
import { runMain, spawnCli, testFolder, writeIn } from './helpers.js';

const tmpRoot = testFolder('rule-options');
let counter = 0;

const POLICY = 'Roles and Responsibilities\n\nThe designated teacher is Ms A. Smith.\n';

/**
 * [rule, option, kind, YAML value, where the error points (first occurrence of this text in the value; '' = the value itself), expected message].
 */
type Case = [string, string, 'type' | 'value', string, string, string];

const CASES: Case[] = [
  ['ap-full-time-hours', 'requireCommitment', 'type', '"yes"', '', 'expected true or false, got the text "yes"'],
  ['ap-full-time-hours', 'requireCommitment', 'value', '[true]', '', 'expected true or false, got a list'],
  ['consistent-terminology', 'groups', 'type', 'PLA', '', 'expected a list, each item a list of texts or a mapping with terms and/or meaning, got the text "PLA"'],
  ['consistent-terminology', 'groups', 'value', '[[PLA, CPLA], { term: [a, b] }]', 'term', 'unknown key "term"; did you mean "terms"? (allowed: terms, meaning)'],
  ['consistent-terminology', 'preferred', 'type', 'PLA', '', 'expected a list of texts, got the text "PLA"'],
  ['consistent-terminology', 'preferred', 'value', '[PLA, 3]', '3', 'expected a text, got the number 3'],
  ['contents-match', 'reverse', 'type', 'true', '', 'expected one of "auto", "always" or "never", got true'],
  ['contents-match', 'reverse', 'value', 'sometimes', '', 'expected one of "auto", "always" or "never", got the text "sometimes"'],
  ['contents-match', 'matchWording', 'type', '1', '', 'expected true or false, got the number 1'],
  ['contents-match', 'matchWording', 'value', 'no', '', 'expected true or false, got the text "no"'],
  ['duplicate-section', 'sameModelSection', 'type', '{ a: 1 }', '', 'expected true or false, got a mapping'],
  ['duplicate-section', 'sameModelSection', 'value', 'null', '', 'expected true or false, got nothing'],
  ['empty-link', 'targets', 'type', '"#"', '', 'expected a list of texts, got the text "#"'],
  ['empty-link', 'targets', 'value', '["#", [x]]', '[x]', 'expected a text, got a list'],
  ['ended-programme', 'lapsePhrases', 'type', '12', '', 'expected a list of texts, got the number 12'],
  ['ended-programme', 'lapsePhrases', 'value', '[until, { a: b }]', '{', 'expected a text, got a mapping'],
  ['kcsie-current', 'maxWords', 'type', '"12"', '', 'expected a whole number, got the text "12"'],
  ['kcsie-current', 'maxWords', 'value', '41', '', 'expected a whole number of at most 40, got 41'],
  ['kinship-care', 'judgeAt', 'type', '2026', '', 'expected one of "as-of" or "document-date", got the number 2026'],
  ['kinship-care', 'judgeAt', 'value', 'today', '', 'expected one of "as-of" or "document-date", got the text "today"'],
  ['kinship-care', 'terms', 'type', 'kinship', '', 'expected a list of texts, got the text "kinship"'],
  ['kinship-care', 'terms', 'value', '[kinship, true]', 'true', 'expected a text, got true'],
  ['model-drift', 'sectionSimilarity', 'type', '"high"', '', 'expected a number, got the text "high"'],
  ['model-drift', 'sectionSimilarity', 'value', '2', '', 'expected a number of at most 1, got 2'],
  ['model-drift', 'paragraphSimilarity', 'type', 'true', '', 'expected a number, got true'],
  ['model-drift', 'paragraphSimilarity', 'value', '0', '', 'expected a number of at least 0.1, got 0'],
  ['model-drift', 'changedBelow', 'type', '[1]', '', 'expected a number, got a list'],
  ['model-drift', 'changedBelow', 'value', '-1', '', 'expected a number of at least 0, got -1'],
  ['model-drift', 'minWords', 'type', '"5"', '', 'expected a whole number, got the text "5"'],
  ['model-drift', 'minWords', 'value', '0', '', 'expected a whole number of at least 1, got 0'],
  ['model-drift', 'changedParagraphs', 'type', '1', '', 'expected one of "report" or "count", got the number 1'],
  ['model-drift', 'changedParagraphs', 'value', 'warn', '', 'expected one of "report" or "count", got the text "warn"'],
  ['model-drift', 'slots', 'type', 'Herts', '', 'expected a list of texts, got the text "Herts"'],
  [
    'model-drift',
    'slots',
    'value',
    '["(a+)+b"]',
    '"(a+)+b"',
    `the pattern "(a+)+b" can take exponential time (each extra character can double it) on some text: "a" can match the same characters in more than one way; for example on 'a' + 'a'.repeat(31) + '\\x00ab'; rewrite it so that each character can be matched in one way only (e.g. (a+)+ as a+)`,
  ],
  ['placeholder-text', 'patterns', 'type', '{ a: 1 }', '', 'expected a list of texts, got a mapping'],
  ['placeholder-text', 'patterns', 'value', '[TBC, 0]', '0', 'expected a text, got the number 0'],
  ['placeholder-text', 'sourcePatterns', 'type', 'true', '', 'expected a list of texts, got true'],
  ['placeholder-text', 'sourcePatterns', 'value', '[x, [a]]', '[a]', 'expected a text, got a list'],
  ['required-roles', 'roles', 'type', 'designated-teacher', '', 'expected a list of texts, got the text "designated-teacher"'],
  ['required-roles', 'roles', 'value', '[designated-teacher, 7]', '7', 'expected a text, got the number 7'],
  ['required-sections', 'sections', 'type', 'Attendance', '', 'expected a list, each item a text or a mapping with name and/or aliases, got the text "Attendance"'],
  ['required-sections', 'sections', 'value', '[Attendance, { aliases: [x] }]', '{', 'missing required key "name"'],
  ['review-date', 'maxCycleMonths', 'type', '"24"', '', 'expected a number, got the text "24"'],
  ['review-date', 'maxCycleMonths', 'value', '0', '', 'expected a number of at least 1, got 0'],
  ['role-name-consistency', 'roles', 'type', '3', '', 'expected a list of texts, got the number 3'],
  ['role-name-consistency', 'roles', 'value', '[headteacher, null]', 'null', 'expected a text, got nothing'],
  ['stale-academic-year', 'posts', 'type', 'teacher', '', 'expected a list of texts, got the text "teacher"'],
  ['stale-academic-year', 'posts', 'value', '[teacher, 2]', '2', 'expected a text, got the number 2'],
  ['stale-academic-year', 'graceDays', 'type', '[1]', '', 'expected a number, got a list'],
  ['stale-academic-year', 'graceDays', 'value', '-1', '', 'expected a number of at least 0, got -1'],
  ['superseded-guidance', 'series', 'type', 'kcsie', '', 'expected a list of texts, got the text "kcsie"'],
  ['superseded-guidance', 'series', 'value', '[kcsie, 1]', '1', 'expected a text, got the number 1'],
  ['termly-pep', 'minimumPerYear', 'type', 'termly', '', 'expected a whole number, got the text "termly"'],
  ['termly-pep', 'minimumPerYear', 'value', '2.5', '', 'expected a whole number, got the number 2.5'],
];

describe('every rule option has a wrong-type and a wrong-value case', () => {
  it('the table covers every option of every rule', () => {
    const want = RULES.flatMap((r) => Object.keys(r.meta.options ?? {}).flatMap((o) => [`${r.meta.id}.${o} type`, `${r.meta.id}.${o} value`]));
    const have = CASES.map(([rule, option, kind]) => `${rule}.${option} ${kind}`);
    expect(have.sort()).toEqual(want.sort());
  });

  it.each(CASES)('%s.%s: wrong %s %s', async (rule, option, _kind, value, at, message) => {
    const cwd = path.join(tmpRoot, `t${counter++}`);
    const line = `  ${rule}: [warn, { ${option}: ${value} }]`;
    writeIn(cwd, '.policylintrc.yaml', `root: true\nrules:\n${line}\n`);
    writeIn(cwd, 'policy.md', POLICY);
    const column = line.lastIndexOf(`: ${value}`) + 3 + (at ? value.indexOf(at) : 0);
    const run = await runMain(['policy.md'], { cwd });
    expect(run.stderr).toBe(`policy-lint: .policylintrc.yaml:3:${column}: rules.${rule}.${option}${pathOf(value, at)}: ${message}\n`);
    expect(run.stdout).toBe('');
    expect(run.code).toBe(2);
  });
});

/** The path the error names inside the value: "[1]" for the second item of a flow list, "[0]" for a mapping in the first... */
function pathOf(value: string, at: string): string {
  if (!at) return '';
  const doc = readStructured('x.yaml', `v: ${value}\n`, 'yaml');
  if (doc.kind !== 'map') return '';
  const column = 4 + value.indexOf(at);
  const walk = (node: (typeof doc.entries)[number]['value'], prefix: string): string | undefined => {
    if (node.kind === 'seq') {
      for (const [i, item] of node.items.entries()) {
        if (item.pos.column === column) return `${prefix}[${i}]`;
        const inner = walk(item, `${prefix}[${i}]`);
        if (inner !== undefined) return inner;
      }
    } else if (node.kind === 'map') {
      for (const e of node.entries) {
        if (e.keyPos.column === column) return prefix;
        if (e.value.pos.column === column) return `${prefix}.${e.key}`;
        const inner = walk(e.value, `${prefix}.${e.key}`);
        if (inner !== undefined) return inner;
      }
    }
    return undefined;
  };
  return walk(doc.entries[0]!.value, '') ?? '';
}

describe('the built CLI', () => {
  it('exits 2 with the one-line error for a wrong option', async () => {
    const cwd = path.join(tmpRoot, `t${counter++}`);
    writeIn(cwd, '.policylintrc.yaml', 'root: true\nrules:\n  contents-match: [warn, { reverse: sometimes }]\n');
    writeIn(cwd, 'policy.md', POLICY);
    const run = await spawnCli(['policy.md'], { cwd });
    expect(run.stderr).toBe('policy-lint: .policylintrc.yaml:3:37: rules.contents-match.reverse: expected one of "auto", "always" or "never", got the text "sometimes"\n');
    expect(run.code).toBe(2);
  });
});

describe('defaults', () => {
  it.each(RULES.filter((r) => r.meta.options).map((r) => [r.meta.id, r] as const))('%s: every default passes its own schema', (_id, rule) => {
    for (const [name, schema] of Object.entries(rule.meta.options ?? {})) {
      const node = readStructured('defaults.json', JSON.stringify(schema.default), 'json');
      expect(checkOptionValue(schema, node, name)).toEqual(schema.default);
    }
  });

  it('the engine gives a rule every option, configured values over defaults', () => {
    const rule = RULES.find((r) => r.meta.id === 'contents-match')!;
    expect(withDefaults(rule, {})).toEqual({ reverse: 'auto', matchWording: false });
    expect(withDefaults(rule, { reverse: 'never' })).toEqual({ reverse: 'never', matchWording: false });
  });
});
