/**
 * The rule list. One module per rule in this folder, named by its id; add a
 * new rule here, in alphabetical order, and its doc and examples are picked up
 * by --list-rules, --explain, the README table and the example tests.
 */
import type { Rule } from '../src/rule-api/index.js';
import apFullTimeHours from './ap-full-time-hours.js';
import consistentTerminology from './consistent-terminology.js';
import contentsMatch from './contents-match.js';
import duplicateSection from './duplicate-section.js';
import emptyLink from './empty-link.js';
import endedProgramme from './ended-programme.js';
import expectedGuidance from './expected-guidance.js';
import kcsieCurrent from './kcsie-current.js';
import kinshipCare from './kinship-care.js';
import legalStatus from './legal-status.js';
import modelDrift from './model-drift.js';
import placeholderText from './placeholder-text.js';
import requiredRoles from './required-roles.js';
import requiredSections from './required-sections.js';
import reviewDate from './review-date.js';
import roleNameConsistency from './role-name-consistency.js';
import staleAcademicYear from './stale-academic-year.js';
import supersededGuidance from './superseded-guidance.js';
import termlyPep from './termly-pep.js';
import therapeuticThinkingNaming from './therapeutic-thinking-naming.js';

export const RULES: Rule[] = [
  apFullTimeHours,
  consistentTerminology,
  contentsMatch,
  duplicateSection,
  emptyLink,
  endedProgramme,
  expectedGuidance,
  kcsieCurrent,
  kinshipCare,
  legalStatus,
  modelDrift,
  placeholderText,
  requiredRoles,
  requiredSections,
  reviewDate,
  roleNameConsistency,
  staleAcademicYear,
  supersededGuidance,
  termlyPep,
  therapeuticThinkingNaming,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((rule) => [rule.meta.id, rule]));
