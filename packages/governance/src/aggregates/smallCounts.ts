import type { PolicyDocument } from '../policy/model.js';
import { DEFAULT_SMALL_COUNT_THRESHOLD } from '../policy/validate.js';

/** Every published count of a special group is a multiple of this. */
export const ROUNDING_BASE = 5;

/**
 * How counts of people are protected: EXACT when no special field is involved; otherwise
 * SUPPRESSED_AND_ROUNDED: a count under the threshold is withheld, and every other count, totals
 * included, is rounded to the nearest multiple of ROUNDING_BASE. Rounding is what keeps a withheld count
 * from being recovered by subtraction (a total minus the other groups, in this answer or another one
 * grouped differently): each published count is off by up to 2, so the difference only says "under the
 * threshold", which the suppression already said. Rounding is deterministic, so asking again does not
 * average the error away.
 */
export type CountProtection = 'EXACT' | 'SUPPRESSED_AND_ROUNDED';

export interface SmallCountRule {
  protection: CountProtection;
  /** The smallest count shown, under SUPPRESSED_AND_ROUNDED. */
  threshold: number | null;
}

/** Whether counts grouped or filtered by `fields` are counts of a special group, under the policy's smallCounts. */
export function smallCountRule(document: PolicyDocument, fields: readonly string[]): SmallCountRule {
  const special = document.smallCounts?.fields ?? [];
  if (!fields.some((field) => special.includes(field))) return { protection: 'EXACT', threshold: null };
  return { protection: 'SUPPRESSED_AND_ROUNDED', threshold: document.smallCounts?.threshold ?? DEFAULT_SMALL_COUNT_THRESHOLD };
}

/** A count as it may be published: null when withheld. */
export function protectCount(count: number, rule: SmallCountRule): number | null {
  if (rule.protection === 'EXACT') return count;
  if (count < rule.threshold!) return null;
  // Never rounded to 0: a group shown exists.
  return Math.max(ROUNDING_BASE, Math.round(count / ROUNDING_BASE) * ROUNDING_BASE);
}
