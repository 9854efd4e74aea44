/**
 * junit: JUnit XML for CI systems that show test reports (GitLab, Jenkins,
 * Azure DevOps, CircleCI).
 *
 * One <testsuite> for the run, one <testcase> per file linted (named by its
 * path relative to the current directory), and one <failure> per error
 * finding, whose text gives `file:line:col`, the message and the rule id.
 * Warnings do not fail a test case: they are listed in the test case's
 * <system-out>, so they are visible without turning the build red (use
 * --max-warnings to fail on them). A file with no errors is a passing test
 * case. Everything is XML-escaped, and characters XML 1.0 cannot carry are
 * replaced with U+FFFD.
 */
import type { Formatter } from './types.js';
import { plural, relativePath } from './shared.js';

/** Replace characters not allowed in XML 1.0 (controls other than tab/LF/CR, lone surrogates, U+FFFE/U+FFFF). */
function xmlChars(value: string): string {
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

export function escapeText(value: string): string {
  return xmlChars(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

export const junit: Formatter = (results, { cwd, suppressed = 0 }) => {
  const cases: string[] = [];
  let failing = 0;
  for (const result of results) {
    const file = relativePath(result.filePath, cwd);
    const errors = result.messages.filter((m) => m.severity === 'error');
    const warnings = result.messages.filter((m) => m.severity !== 'error');
    if (errors.length > 0) failing++;
    const body: string[] = [];
    for (const m of errors) {
      const text = `${file}:${m.line}:${m.column}: ${m.message} [${m.ruleId}]`;
      body.push(`      <failure message="${escapeAttribute(`${m.line}:${m.column} ${m.message}`)}" type="${escapeAttribute(m.ruleId)}">${escapeText(text)}</failure>`);
    }
    if (warnings.length > 0) {
      const text = warnings.map((m) => `${file}:${m.line}:${m.column}: warning ${m.message} [${m.ruleId}]`).join('\n');
      body.push(`      <system-out>${escapeText(text)}</system-out>`);
    }
    const open = `    <testcase classname="policy-lint" name="${escapeAttribute(file)}" file="${escapeAttribute(file)}"`;
    cases.push(body.length ? `${open}>\n${body.join('\n')}\n    </testcase>` : `${open}/>`);
  }
  const counts = `tests="${results.length}" failures="${failing}" errors="0" skipped="0"`;
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="policy-lint" ${counts}>`, `  <testsuite name="policy-lint" ${counts}>`];
  if (suppressed > 0) {
    const note = `${plural(suppressed, 'finding')} recorded in the baseline not shown`;
    lines.push('    <properties>', `      <property name="baseline" value="${escapeAttribute(note)}"/>`, '    </properties>');
  }
  lines.push(...cases, '  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
};
