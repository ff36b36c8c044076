import { ownerOf, type PolicyDocument, type Rule } from '@civic/governance';

export interface RuleDiff {
  added: Rule[];
  removed: Rule[];
  unchanged: number;
}

/** A canonical form of a rule, so key order and omitted defaults do not count as changes. */
function canonical(rule: Rule): string {
  const { field, departments, roles, effect, mask, scope, requirePurpose, when, reason, grantsMayLift } = rule;
  return JSON.stringify({
    field,
    departments: [...departments].sort(),
    roles: roles ? [...roles].sort() : [],
    effect,
    mask: mask ?? null,
    scope: scope ?? 'everywhere',
    requirePurpose: requirePurpose ?? false,
    when: when ? Object.fromEntries(Object.entries(when).sort(([a], [b]) => a.localeCompare(b))) : null,
    reason: reason ?? null,
    grantsMayLift: grantsMayLift ?? false,
  });
}

/** Rules in `to` but not in `from` are added; rules in `from` but not in `to` are removed. */
export function diffPolicies(from: PolicyDocument, to: PolicyDocument): RuleDiff {
  const before = new Map<string, number>();
  for (const rule of from.rules) before.set(canonical(rule), (before.get(canonical(rule)) ?? 0) + 1);
  const added: Rule[] = [];
  let unchanged = 0;
  for (const rule of to.rules) {
    const key = canonical(rule);
    const left = before.get(key) ?? 0;
    if (left > 0) {
      before.set(key, left - 1);
      unchanged += 1;
    } else added.push(rule);
  }
  const removed = from.rules.filter((rule) => {
    const key = canonical(rule);
    const left = before.get(key) ?? 0;
    if (left === 0) return false;
    before.set(key, left - 1);
    return true;
  });
  return { added, removed, unchanged };
}

/** The fields a change touches: every field of an added or removed rule. */
export function fieldsTouched(diff: RuleDiff): string[] {
  return [...new Set([...diff.added, ...diff.removed].map((r) => r.field))].sort();
}

/**
 * The fields whose owner differs between two versions: each classified field (`classified`, whose owner
 * may come from its type's entry) and each `Type.field` entry of either version.
 */
export function ownershipChanges(from: PolicyDocument, to: PolicyDocument, classified: Iterable<string>): string[] {
  const entries = [...Object.keys(from.owners ?? {}), ...Object.keys(to.owners ?? {})].filter((key) => key.includes('.'));
  return [...new Set([...classified, ...entries])].filter((field) => ownerOf(from, field) !== ownerOf(to, field)).sort();
}
