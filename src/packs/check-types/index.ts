/**
 * The check types a pack rule can extend, by `type:` (one file each in this
 * folder). Adding a type: write its module and list it here.
 */
import { existence } from './existence.js';
import { required } from './required.js';
import { staleYear } from './stale-year.js';
import { substitution } from './substitution.js';
import type { CheckType, PackRuleType } from './shared.js';

export { PACK_TYPES, type PackRuleType, type CheckType } from './shared.js';

export const CHECK_TYPES: Readonly<Record<PackRuleType, CheckType>> = {
  substitution,
  existence,
  required,
  'stale-year': staleYear,
};
