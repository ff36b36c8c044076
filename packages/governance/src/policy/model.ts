import type { Department, Role } from '@civic/runtime';

/**
 * A data-sharing policy is data, not code: a list of rules, each granting (or refusing) some
 * departments a view of one field. Officers read it as YAML (schema/policy.yaml).
 */
export const EFFECTS = ['allow', 'mask', 'deny'] as const;
export type Effect = (typeof EFFECTS)[number];

export const SCOPES = ['everywhere', 'jurisdiction'] as const;
export type Scope = (typeof SCOPES)[number];

/** A condition on the record itself, e.g. `{ category: { notIn: [PETITION_DISPUTE] } }`. */
export type RecordCondition = Record<string, { in?: string[]; notIn?: string[] }>;

export interface Rule {
  /** `Type.field`, as in the composed schema. */
  field: string;
  /** Department codes, or `*` for every department. */
  departments: (Department | '*')[];
  /** When present, only callers holding one of these roles. */
  roles?: Role[];
  effect: Effect;
  /** The masking style, for `mask`. */
  mask?: string;
  /** `jurisdiction`: only for records inside the caller's jurisdiction. Default `everywhere`. */
  scope?: Scope;
  /** The caller must state a purpose (x-access-purpose). */
  requirePurpose?: boolean;
  when?: RecordCondition;
  /** Why the rule exists, for the officers who read the file. */
  reason?: string;
  /**
   * On a deny rule: the owner's stated choice that an approved grant may lift it. Absent (false), a deny
   * holds whatever was approved.
   */
  grantsMayLift?: boolean;
}

/**
 * A purpose a caller may state (x-access-purpose) and a sharing request may name: a short code from the
 * catalogue data officers keep, so that a grant holds for what was approved and nothing else.
 */
export interface Purpose {
  /** Lower-case words joined by hyphens, e.g. `welfare-check`. */
  code: string;
  description: string;
  /** A retired purpose stays in the catalogue (audit records name it) but may no longer be stated. */
  retired?: boolean;
}

/**
 * The one department owning each classified field: its data officer sets the field's rules and decides
 * requests for it. Keys are a type (the default for its fields) or `Type.field` (an override).
 */
export type Owners = Record<string, Department>;

export interface PolicyDocument {
  version: number;
  rules: Rule[];
  purposes?: Purpose[];
  owners?: Owners;
  smallCounts?: SmallCounts;
}

/**
 * Counts of people in special groups are statistics about few people: a count under `threshold` that
 * involves one of `fields` (grouped or filtered by it) is never given (see aggregates/smallCounts.ts).
 */
export interface SmallCounts {
  threshold: number;
  fields: string[];
}

/**
 * A time-limited exception the owning data officer approved: `department` (only `subjects`, when named)
 * may read `fields` of records whose grid code starts with `scope`, while the request states the
 * grant's purpose, until `validUntil`.
 */
export interface Grant {
  id: number;
  department: Department;
  fields: string[];
  /** Grid-code prefix; empty for the whole city. */
  scope: string;
  /** A purpose code of the catalogue: the caller must state exactly it. */
  purpose: string;
  /** Token subjects the grant is for; empty or absent for every user of the department. */
  subjects?: string[];
  validFrom: string;
  validUntil: string;
}

/** What a subgraph enforces: one published policy version and the grants in force with it. */
export interface PolicySnapshot {
  version: number;
  document: PolicyDocument;
  grants: Grant[];
}

/** What decided: a rule, a grant, the default deny, a scope the record lies outside, or no classification. */
export type DecisionBasis = 'rule' | 'grant' | 'default' | 'out-of-scope' | 'unclassified';

export interface Decision {
  effect: Effect;
  mask?: string;
  basis: DecisionBasis;
  /** Index of the deciding rule in the policy, when a rule decided. */
  ruleIndex?: number;
  /** The grant that allowed the read, when a grant did. */
  grantId?: number;
  /** Why, in words a data officer reads (never a record's value). */
  reason: string;
}
