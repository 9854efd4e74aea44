/**
 * Shared by the tests of the output formats (test/formatters.test.ts, test/formats-ci.test.ts): findings and
 * results built by hand, and the SARIF 2.1.0 schema compiled once.
 *
 * The schema fixture fixtures/sarif-schema/sarif-2.1.0-rtm.5.json is the SARIF 2.1.0 schema (rtm.5, the version
 * approved as the OASIS standard) exactly as Microsoft ships it in the npm package @microsoft/jest-sarif
 * 1.0.0-beta.0 (lib/schemas/sarif-2.1.0-rtm.5.json, MIT licence), copied byte for byte. It is a draft-04 JSON
 * schema, so it is checked with Ajv's draft-04 class (ajv-draft-04) and ajv-formats for "uri" / "uri-reference".
 */
import fs from 'node:fs';
import path from 'node:path';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { summarize, type LintResult } from '../src/engine/lint.js';
import { fromDecoded } from '../src/document/source.js';
import type { Diagnostic } from '../src/types.js';
import { FIXTURES } from './helpers.js';

/** The folder the hand-built results claim to come from. */
export const CWD = '/work/repo';

/** A finding of therapeutic-thinking-naming at line:column, five characters long, unless `opts` says otherwise. */
export function finding(line: number, column: number, message: string, opts: Partial<Diagnostic> = {}): Diagnostic {
  return { ruleId: 'therapeutic-thinking-naming', severity: 'error', message, line, column, endLine: line, endColumn: column + 5, start: 0, end: 5, ...opts };
}

/** The result for `file` (below CWD) with these findings, and the text they were found in when given. */
export function resultOf(file: string, messages: Diagnostic[], text?: string): LintResult {
  const r = summarize(path.join(CWD, file), messages);
  if (text !== undefined) r.source = fromDecoded(text);
  return r;
}

export const sarifSchema = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'sarif-schema', 'sarif-2.1.0-rtm.5.json'), 'utf8'));
// unicodeRegExp: false because one pattern in the published schema ("language":
// "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$") has a stray "]" that only the non-Unicode RegExp syntax accepts.
// Both packages are CommonJS with the export on `.default` (also under Node's ESM interop).
const ajv = new ajvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
ajvFormats.default(ajv);
/** Validates a SARIF log against the 2.1.0 schema; its `errors` say why not. */
export const validateSarif = ajv.compile(sarifSchema);
