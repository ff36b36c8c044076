import type { Identity } from '../identity.js';
import { ALLOW_UNCLASSIFIED, DEFAULT_DENY, type Decision, type PolicyDocument, type RecordCondition, type Rule } from './model.js';

type RecordLike = Record<string, unknown> | null | undefined;

interface IndexedRule extends Rule {
  index: number;
}

/**
 * Decides, for one caller and one record, whether a field is allowed, masked or denied.
 * Among the rules that apply, deny beats allow, allow beats mask; when none applies, deny.
 */
export class PolicyEngine {
  private readonly rulesByField = new Map<string, IndexedRule[]>();

  constructor(
    readonly document: PolicyDocument,
    /** `Type.field` of every classified field; everything else is visible to any authenticated caller. */
    private readonly classified: ReadonlySet<string>,
  ) {
    document.rules.forEach((rule, index) => {
      const list = this.rulesByField.get(rule.field) ?? [];
      list.push({ ...rule, index });
      this.rulesByField.set(rule.field, list);
    });
  }

  isClassified(field: string): boolean {
    return this.classified.has(field);
  }

  /** True when the decision for this caller can depend on the record (scope or record conditions). */
  dependsOnRecord(field: string): boolean {
    return (this.rulesByField.get(field) ?? []).some((r) => r.scope === 'jurisdiction' || r.when !== undefined);
  }

  decide(identity: Identity, field: string, record: RecordLike): Decision {
    if (!this.classified.has(field)) return ALLOW_UNCLASSIFIED;
    let allow: IndexedRule | undefined;
    let mask: IndexedRule | undefined;
    for (const rule of this.rulesByField.get(field) ?? []) {
      if (!appliesTo(rule, identity, record)) continue;
      if (rule.effect === 'deny') return { effect: 'deny', ruleIndex: rule.index };
      if (rule.effect === 'allow') allow ??= rule;
      else mask ??= rule;
    }
    if (allow) return { effect: 'allow', ruleIndex: allow.index };
    if (mask) return { effect: 'mask', mask: mask.mask!, ruleIndex: mask.index };
    return DEFAULT_DENY;
  }
}

function appliesTo(rule: Rule, identity: Identity, record: RecordLike): boolean {
  if (!rule.departments.includes('*') && !rule.departments.includes(identity.department)) return false;
  if (rule.roles && !rule.roles.some((role) => identity.roles.includes(role))) return false;
  if (rule.requirePurpose && !identity.purpose) return false;
  if (rule.scope === 'jurisdiction' && !insideJurisdiction(identity, record)) return false;
  if (rule.when && !matches(rule.when, record)) return false;
  return true;
}

function insideJurisdiction(identity: Identity, record: RecordLike): boolean {
  const gridCode = record?.gridCode;
  return Boolean(identity.jurisdiction) && typeof gridCode === 'string' && gridCode.startsWith(identity.jurisdiction!);
}

function matches(condition: RecordCondition, record: RecordLike): boolean {
  if (!record) return false;
  return Object.entries(condition).every(([key, test]) => {
    const value = String(record[key]);
    if (test.in && !test.in.includes(value)) return false;
    if (test.notIn && test.notIn.includes(value)) return false;
    return true;
  });
}
