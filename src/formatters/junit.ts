/**
 * junit: JUnit XML for CI systems that show test reports (GitLab, Jenkins,
 * Azure DevOps, CircleCI).
 *
 * As ESLint's JUnit formatter: one <testsuite> per file linted (named by its
 * path relative to the current directory) and one <testcase> per finding,
 * named by rule, file, line and column (`rule-id: file:line:col`, with ` (2)`,
 * ` (3)` for more findings of one rule at one place, so that every name is
 * unique): these tools show one failure per test case, so a file's second
 * finding must not hide behind its first. An error is a <failure> whose text
 * gives `file:line:col`, the message and the rule id. A warning is a passing
 * test case with the finding in its <system-out>, so it is visible without
 * turning the build red (use --max-warnings to fail on warnings). A file with
 * no findings is one passing test case named by the file, so the report
 * shows what was checked. Everything is XML-escaped, and characters XML 1.0
 * cannot carry are replaced with U+FFFD.
 */
import type { Formatter } from './types.js';
import { plural, relativePath } from './shared.js';

/** Replace characters not allowed in XML 1.0 (controls other than tab/LF/CR, lone surrogates, U+FFFE/U+FFFF). */
function xmlChars(value: string): string {
  // eslint-disable-next-line no-control-regex -- these are the characters XML 1.0 does not allow
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

export function escapeText(value: string): string {
  return xmlChars(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

/** The classname of a file's test cases: its path without the extension (as ESLint's formatter), since tools read dots as packages. */
function className(file: string): string {
  return file.replace(/\.[^./]*$/, '');
}

export const junit: Formatter = (results, { cwd, suppressed = 0 }) => {
  const suites: string[] = [];
  let allTests = 0;
  let allFailures = 0;
  for (const result of results) {
    const file = relativePath(result.filePath, cwd);
    const classname = escapeAttribute(className(file));
    const cases: string[] = [];
    const seen = new Map<string, number>();
    let failures = 0;
    for (const m of result.messages) {
      const base = `${m.ruleId}: ${file}:${m.line}:${m.column}`;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      const name = n === 1 ? base : `${base} (${n})`;
      const open = `    <testcase classname="${classname}" name="${escapeAttribute(name)}" file="${escapeAttribute(file)}" time="0">`;
      if (m.severity === 'error') {
        failures++;
        const text = `${file}:${m.line}:${m.column}: ${m.message} [${m.ruleId}]`;
        cases.push(`${open}\n      <failure message="${escapeAttribute(m.message)}" type="${escapeAttribute(m.ruleId)}">${escapeText(text)}</failure>\n    </testcase>`);
      } else {
        const text = `${file}:${m.line}:${m.column}: warning ${m.message} [${m.ruleId}]`;
        cases.push(`${open}\n      <system-out>${escapeText(text)}</system-out>\n    </testcase>`);
      }
    }
    if (cases.length === 0) cases.push(`    <testcase classname="${classname}" name="${escapeAttribute(file)}" file="${escapeAttribute(file)}" time="0"/>`);
    allTests += cases.length;
    allFailures += failures;
    suites.push(`  <testsuite name="${escapeAttribute(file)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" time="0">`, ...cases, '  </testsuite>');
  }
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="policy-lint" tests="${allTests}" failures="${allFailures}" errors="0" skipped="0" time="0">`];
  if (suppressed > 0) {
    // A <properties> element belongs to a <testsuite>: the note goes in a suite of its own.
    const note = `${plural(suppressed, 'finding')} recorded in the baseline not shown`;
    lines.push(
      '  <testsuite name="policy-lint baseline" tests="0" failures="0" errors="0" skipped="0" time="0">',
      '    <properties>',
      `      <property name="baseline" value="${escapeAttribute(note)}"/>`,
      '    </properties>',
      '  </testsuite>',
    );
  }
  lines.push(...suites, '</testsuites>', '');
  return lines.join('\n');
};
