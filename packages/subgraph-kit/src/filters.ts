import { badUserInput } from '@civic/runtime';
import { quoted } from './validation.js';

/** A LIKE pattern matching `text` literally: the caller's %, _ and backslash match only themselves. */
export function literalPattern(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A substring pattern (case-insensitive with $ilike) built on literalPattern. */
export function containsPattern(text: string): string {
  return `%${literalPattern(text)}%`;
}

/** Codes are hierarchical, so "inside this area" is a prefix match, served by the varchar_pattern_ops indexes. */
export function gridPrefixCondition(prefix: string, field = 'filter.gridCodePrefix'): { $like: string } {
  if (!/^\d{1,18}$/.test(prefix)) throw badUserInput(field, `must be 1 to 18 digits of a grid-tree code, got ${quoted(prefix)}`);
  return { $like: `${prefix}%` };
}

/** GraphQL sends an omitted input field as undefined and an explicit null as null; both mean "no condition". */
export function isGiven<T>(value: T | null | undefined): value is T {
  return value !== undefined && value !== null;
}
