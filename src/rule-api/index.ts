/**
 * Everything a rule author needs, from one module. Rules (in rules/) import
 * from here and from nowhere else in src/: the shapes a rule sees (the
 * document, its sections and text blocks, diagnostics and fixes), the text
 * helpers (matching, source ranges, quoting, fixes), and the readers of
 * domain facts (dates, guidance editions, named posts, the model policy's
 * section vocabulary), each answered once.
 */
export type { ContentsEntry, DiagnosticData, Fix, PolicyDocument, Rule, RuleContext, Section, TextBlock, TextEdit } from '../types.js';
export { escapeRegExp, findAll, findSections, inAppendix, quoteShort, replaceFix, sectionBlocks, sourceRange, titleReads, type TextMatch } from './kit.js';
export { addDays, findDates, findDocumentDates, isPast, latestDocumentDate, monthsBetween, type DateMention, type DocumentDate } from '../domain/dates.js';
export {
  editionDate,
  editionInForce,
  expectedDue,
  isConfirmed,
  formatDate,
  formatMonthYear,
  isoDate,
  type GuidanceEdition,
  type GuidanceSeries,
  type Rename,
  type Statement,
} from '../domain/guidance.js';
export { findCitations, type CitationOptions, type GuidanceCitation } from '../domain/citations.js';
export { DEFAULT_ROLE_IDS, findRoleStatements, resolveRoles, samePerson, sentenceSpans, type RoleStatement } from '../domain/roles.js';
export { HISTORY_MARKERS, isHistoricalMention, sentenceAt } from '../domain/history.js';
export { SECTION_VOCABULARY, matchVocabulary, normalizeTitle } from '../domain/vocabulary.js';
export { PLACEHOLDER_PATTERNS, PLACEHOLDER_SOURCE_PATTERNS, TERM_GROUPS, type TermGroup } from '../domain/wording.js';
// Word and sequence diffs (the `diff` package), for rules that compare a policy with a model.
export { diffArrays } from 'diff';
