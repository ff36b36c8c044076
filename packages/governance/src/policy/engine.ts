import type { Identity } from '@civic/runtime';
import { ALLOW_UNCLASSIFIED, DEFAULT_DENY, type Decision, type Grant, type PolicyDocument, type RecordCondition, type Rule } from './model.js';

type RecordLike = Record<string, unknown> | null | undefined;

interface IndexedRule extends Rule {
  index: number;
}

/**
 * Decides, for one caller and one record, whether a field is allowed, masked or denied.
 * Among the rules that apply, deny beats allow, allow beats mask; when none applies, deny.
 * A grant in force turns anything short of allow into allow: it is the owner's own exception.
 */
export class PolicyEngine {
  private readonly rulesByField = new Map<string, IndexedRule[]>();
  private readonly grantsByField = new Map<string, Grant[]>();

  constructor(
    readonly document: PolicyDocument,
    /** `Type.field` of every classified field; everything else is visible to any authenticated caller. */
    private readonly classified: ReadonlySet<string>,
    readonly grants: readonly Grant[] = [],
    readonly version = 0,
  ) {
    for (const grant of grants) {
      for (const field of grant.fields) this.grantsByField.set(field, [...(this.grantsByField.get(field) ?? []), grant]);
    }
    document.rules.forEach((rule, index) => {
      const list = this.rulesByField.get(rule.field) ?? [];
      list.push({ ...rule, index });
      this.rulesByField.set(rule.field, list);
    });
  }

  /** True when the decision for this caller can depend on the record (scope or record conditions). */
  dependsOnRecord(field: string): boolean {
    return this.grantsByField.has(field) || (this.rulesByField.get(field) ?? []).some((r) => r.scope === 'jurisdiction' || r.when !== undefined);
  }

  decide(identity: Identity, field: string, record: RecordLike, now = Date.now()): Decision {
    if (!this.classified.has(field)) return ALLOW_UNCLASSIFIED;
    const byRules = this.decideByRules(identity, field, record);
    if (byRules.effect === 'allow') return byRules;
    const grant = this.grantsByField.get(field)?.find((g) => grantApplies(g, identity, record, now));
    return grant ? { effect: 'allow', grantId: grant.id } : byRules;
  }

  private decideByRules(identity: Identity, field: string, record: RecordLike): Decision {
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

function grantApplies(grant: Grant, identity: Identity, record: RecordLike, now: number): boolean {
  if (grant.department !== identity.department || !identity.purpose) return false;
  if (now < Date.parse(grant.validFrom) || now >= Date.parse(grant.validUntil)) return false;
  const gridCode = record?.gridCode;
  return grant.scope === '' || (typeof gridCode === 'string' && gridCode.startsWith(grant.scope));
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
