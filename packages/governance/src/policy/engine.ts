import type { Identity } from '@civic/runtime';
import type { Decision, Grant, PolicyDocument, RecordCondition, Rule } from './model.js';
import { isAction, verbFor } from './actions.js';
import { insideArea } from './places.js';

/**
 * What the engine is asked about: a field of a record the caller is reading, or, with FOR_CALLER, a
 * field for the caller in general: a record inside the caller's jurisdiction whose other values are not
 * known (the filter guards and `explainAccess` ask that).
 */
export const FOR_CALLER = Symbol('a record inside the caller jurisdiction, its values unknown');
export type Subject = Readonly<Record<string, unknown>> | typeof FOR_CALLER;

interface IndexedRule extends Rule {
  index: number;
}

/** Whether a rule applies; `unknown` when it depends on a record value that is not there to test. */
type Applies = 'yes' | 'no' | 'unknown';

/** What the rules decided, and whether an approved grant may still turn it into allow. */
interface RulesDecision {
  decision: Decision;
  /** False after an allow, and after a deny rule whose owner did not state that grants may lift it. */
  grantMayLift: boolean;
}

/**
 * The one place a policy is evaluated. Among the rules that apply to a caller and record, deny beats
 * allow and allow beats mask; when none applies, deny. A grant in force turns anything short of allow
 * into allow, except an explicit deny, unless every deny rule that applies says `grantsMayLift`.
 * Anything the engine cannot evaluate fails closed: a deny rule that might apply is applied, an allow
 * or mask rule that might apply is not.
 */
export class PolicyEngine {
  private readonly rulesByField = new Map<string, IndexedRule[]>();
  private readonly grantsByField = new Map<string, Grant[]>();
  /** Fields whose decision can depend on the record (scope, conditions, grants): asked on every read, so computed once. */
  private readonly recordDependent = new Set<string>();

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
      if (rule.scope === 'jurisdiction' || rule.when !== undefined) this.recordDependent.add(rule.field);
    });
    for (const field of this.grantsByField.keys()) this.recordDependent.add(field);
  }

  isClassified(field: string): boolean {
    return this.classified.has(field);
  }

  /** True when the decision for a caller can depend on the record (scope, conditions or grants). */
  dependsOnRecord(field: string): boolean {
    return this.recordDependent.has(field);
  }

  /**
   * What `identity` gets of `field`, with the rule or grant that decided it and why. An action
   * (`Mutation.<name>`) is decided like a classified field: allow runs it, anything else refuses it.
   */
  decide(identity: Identity, field: string, subject: Subject, now = Date.now()): Decision {
    if (!this.classified.has(field) && !isAction(field)) return { effect: 'allow', basis: 'unclassified', reason: `${field} is public` };
    const record = recordOf(identity, subject);
    const { decision: byRules, grantMayLift } = this.decideByRules(identity, field, record);
    if (!grantMayLift) return byRules;
    const grant = this.grantsByField.get(field)?.find((g) => grantApplies(g, identity, record, now));
    if (!grant) return byRules;
    return { effect: 'allow', basis: 'grant', grantId: grant.id, reason: `grant ${grant.id} for "${grant.purpose}" until ${grant.validUntil}` };
  }

  /** What the rules alone decide, grants aside (the access matrix lists grants apart from the rules). */
  decideByRulesOnly(identity: Identity, field: string, subject: Subject): Decision {
    return this.decideByRules(identity, field, recordOf(identity, subject)).decision;
  }

  /** The rules for this caller that depend on record values: what may change a `forCaller` answer. */
  conditionalRules(identity: Identity, field: string): IndexedRule[] {
    return this.rulesOf(field).filter((rule) => rule.when !== undefined && forCaller(rule, identity));
  }

  private rulesOf(field: string): IndexedRule[] {
    return this.rulesByField.get(field) ?? [];
  }

  private decideByRules(identity: Identity, field: string, record: RecordView): RulesDecision {
    let allow: IndexedRule | undefined;
    let mask: IndexedRule | undefined;
    let liftableDeny: { rule: IndexedRule; undecidable: boolean } | undefined;
    let outsideScope = false;
    for (const rule of this.rulesOf(field)) {
      const applies = appliesTo(rule, identity, record);
      if (rule.effect === 'deny' && applies !== 'no') {
        if (!rule.grantsMayLift) return { decision: ruleDecision(rule, applies === 'unknown'), grantMayLift: false };
        liftableDeny ??= { rule, undecidable: applies === 'unknown' };
        continue;
      }
      if (applies !== 'yes') {
        outsideScope ||= applies === 'no' && forCaller(rule, identity) && rule.scope === 'jurisdiction' && !insideJurisdiction(identity, record);
        continue;
      }
      if (rule.effect === 'allow') allow ??= rule;
      else mask ??= rule;
    }
    if (liftableDeny) return { decision: ruleDecision(liftableDeny.rule, liftableDeny.undecidable), grantMayLift: true };
    if (allow) return { decision: ruleDecision(allow, false), grantMayLift: false };
    if (mask) return { decision: ruleDecision(mask, false), grantMayLift: true };
    if (outsideScope) return { decision: { effect: 'deny', basis: 'out-of-scope', reason: `${field} is ${isAction(field) ? 'open to' : 'shared with'} your department only inside its jurisdiction` }, grantMayLift: true };
    return { decision: { effect: 'deny', basis: 'default', reason: `no rule lets your department ${verbFor(field)} ${field}` }, grantMayLift: true };
  }
}

function ruleDecision(rule: IndexedRule, undecidable: boolean): Decision {
  const because = rule.reason ? `: ${rule.reason}` : '';
  return {
    effect: rule.effect,
    basis: 'rule',
    ruleIndex: rule.index,
    ...(rule.effect === 'mask' ? { mask: rule.mask! } : {}),
    reason: undecidable ? `rule ${rule.index} may apply (a value it tests is unknown), so it does${because}` : `rule ${rule.index}${because}`,
  };
}

/** The record as the engine sees it: its values, or for a `forCaller` question only its place. */
interface RecordView {
  values: Readonly<Record<string, unknown>>;
  /** Values beyond the place are unknown (a `forCaller` question). */
  valuesUnknown: boolean;
}

function recordOf(identity: Identity, subject: Subject): RecordView {
  if (subject !== FOR_CALLER) return { values: subject, valuesUnknown: false };
  return { values: identity.jurisdiction ? { gridCode: identity.jurisdiction } : {}, valuesUnknown: true };
}

function forCaller(rule: Rule, identity: Identity): boolean {
  if (!rule.departments.includes('*') && !rule.departments.includes(identity.department)) return false;
  return !rule.roles || rule.roles.some((role) => identity.roles.includes(role));
}

function appliesTo(rule: Rule, identity: Identity, record: RecordView): Applies {
  if (!forCaller(rule, identity)) return 'no';
  if (rule.requirePurpose && !identity.purpose) return 'no';
  if (rule.scope === 'jurisdiction' && !insideJurisdiction(identity, record)) return 'no';
  return rule.when ? matches(rule.when, record) : 'yes';
}

function insideJurisdiction(identity: Identity, record: RecordView): boolean {
  return Boolean(identity.jurisdiction) && insideArea(record.values.gridCode, identity.jurisdiction!);
}

/** A condition on a value the record lacks (or that is not a plain value) cannot be tested: unknown. */
function matches(condition: RecordCondition, record: RecordView): Applies {
  let result: Applies = 'yes';
  for (const [key, test] of Object.entries(condition)) {
    const value = record.valuesUnknown ? undefined : record.values[key];
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      result = 'unknown';
      continue;
    }
    const text = String(value);
    if ((test.in && !test.in.includes(text)) || (test.notIn && test.notIn.includes(text))) return 'no';
  }
  return result;
}

/** A grant holds for its department (its named users, when it names any), its purpose, window and place. */
function grantApplies(grant: Grant, identity: Identity, record: RecordView, now: number): boolean {
  if (grant.department !== identity.department || !identity.purpose || identity.purpose !== grant.purpose) return false;
  if (grant.subjects?.length && !grant.subjects.includes(identity.subject)) return false;
  if (now < Date.parse(grant.validFrom) || now >= Date.parse(grant.validUntil)) return false;
  return grant.scope === '' || insideArea(record.values.gridCode, grant.scope);
}

/**
 * A deny rule that names `department` outright (every role, record, place and purpose) and that its
 * owner has not opened to grants: no grant of `field` to that department could ever apply.
 */
export function denyNoGrantLifts(document: PolicyDocument, field: string, department: string): Rule | undefined {
  return document.rules.find(
    (rule) =>
      rule.field === field &&
      rule.effect === 'deny' &&
      !rule.grantsMayLift &&
      (rule.departments as string[]).some((d) => d === '*' || d === department) &&
      !rule.roles?.length &&
      rule.when === undefined &&
      rule.scope !== 'jurisdiction' &&
      !rule.requirePurpose,
  );
}
