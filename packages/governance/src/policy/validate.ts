import { DEPARTMENTS, ROLES } from '@civic/runtime';
import { actedOnType, actionRuleProblems, ACTION_TYPE } from './actions.js';
import { classifiedFields, type FieldCatalog } from './catalog.js';
import { MASKING_STYLES } from './masking.js';
import { EFFECTS, SCOPES, type Owners, type PolicyDocument, type Purpose, type Rule, type SmallCounts } from './model.js';
import { ownerOf } from './owners.js';
import { MAX_PURPOSE_CODE, PURPOSE_CODE } from './purposes.js';

export interface PolicyProblem {
  /** Where in the document, e.g. `rules[3].mask`. */
  path: string;
  message: string;
}

export class PolicyError extends Error {
  override name = 'PolicyError';
  constructor(
    readonly problems: PolicyProblem[],
    source: string,
  ) {
    super(`${source} is not a valid policy:\n${problems.map((p) => `- ${p.path}: ${p.message}`).join('\n')}`);
  }
}

const RULE_KEYS = new Set(['field', 'departments', 'roles', 'effect', 'mask', 'scope', 'requirePurpose', 'when', 'reason', 'grantsMayLift']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function closest(name: string, candidates: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  return [...candidates].find((c) => c.toLowerCase() === lower || c.toLowerCase().startsWith(lower.slice(0, 4)));
}

function validateRule(raw: unknown, path: string, catalog: FieldCatalog, problems: PolicyProblem[]): void {
  const problem = (key: string, message: string): void => {
    problems.push({ path: `${path}${key ? `.${key}` : ''}`, message });
  };
  if (!isObject(raw)) {
    problem('', 'must be a mapping with field, departments and effect');
    return;
  }
  for (const key of Object.keys(raw)) if (!RULE_KEYS.has(key)) problem(key, `is not a rule setting; use one of ${[...RULE_KEYS].join(', ')}`);

  const [typeName, fieldName] = typeof raw.field === 'string' ? raw.field.split('.') : [];
  const type = typeName ? catalog.get(typeName) : undefined;
  const field = fieldName ? type?.fields.get(fieldName) : undefined;
  if (typeof raw.field !== 'string' || !typeName || !fieldName) problem('field', 'must be "Type.field"');
  else if (!type) problem('field', `no type ${typeName} in the composed schema${hint(typeName, catalog.keys())}`);
  else if (!field) problem('field', `${typeName} has no field ${fieldName}${hint(fieldName, type.fields.keys())}`);
  else if (typeName === ACTION_TYPE) for (const p of actionRuleProblems(raw, field)) problem(p.key, p.message);
  else if (field.classification === 'public') problem('field', `${raw.field} is public; rules apply only to classified fields`);
  // An action's scope and conditions test the record it acts on, of the mutation's return type.
  const record = field && typeName === ACTION_TYPE ? actedOnType(catalog, field) : type;

  if (!Array.isArray(raw.departments) || raw.departments.length === 0) problem('departments', 'must be a non-empty list of department codes or "*"');
  else raw.departments.forEach((d, i) => {
    if (d !== '*' && !(DEPARTMENTS as readonly unknown[]).includes(d)) problem(`departments[${i}]`, `unknown department "${String(d)}"; known: ${DEPARTMENTS.join(', ')}`);
  });
  if (raw.roles !== undefined) {
    if (!Array.isArray(raw.roles)) problem('roles', 'must be a list of roles');
    else raw.roles.forEach((r, i) => {
      if (!(ROLES as readonly unknown[]).includes(r)) problem(`roles[${i}]`, `unknown role "${String(r)}"; known: ${ROLES.join(', ')}`);
    });
  }
  if (!(EFFECTS as readonly unknown[]).includes(raw.effect)) problem('effect', `must be one of ${EFFECTS.join(', ')}`);
  if (raw.effect === 'mask') {
    const style = typeof raw.mask === 'string' ? MASKING_STYLES[raw.mask] : undefined;
    if (!style) problem('mask', `a mask rule needs a masking style: ${Object.keys(MASKING_STYLES).join(', ')}`);
    else if (field && field.valueType !== style.appliesTo) problem('mask', `style ${String(raw.mask)} masks ${style.appliesTo} values; ${String(raw.field)} is ${field.valueType}`);
  } else if (raw.mask !== undefined) problem('mask', 'only a mask rule takes a masking style');
  if (raw.scope !== undefined && !(SCOPES as readonly unknown[]).includes(raw.scope)) problem('scope', `must be one of ${SCOPES.join(', ')}`);
  if (raw.scope === 'jurisdiction' && record && !record.placeScoped) problem('scope', `${typeName} records carry no grid code, so jurisdiction scope cannot apply`);
  if (raw.requirePurpose !== undefined && typeof raw.requirePurpose !== 'boolean') problem('requirePurpose', 'must be true or false');
  if (raw.reason !== undefined && typeof raw.reason !== 'string') problem('reason', 'must be text');
  if (raw.grantsMayLift !== undefined && typeof raw.grantsMayLift !== 'boolean') problem('grantsMayLift', 'must be true or false');
  else if (raw.grantsMayLift !== undefined && raw.effect !== 'deny') problem('grantsMayLift', 'only a deny rule can let grants lift it');
  else if (raw.grantsMayLift !== undefined && typeName === ACTION_TYPE) problem('grantsMayLift', 'grants share fields to read; an action follows its rules alone');
  if (raw.when !== undefined) validateCondition(raw.when, `${path}.when`, record, problems);
}

function validateCondition(raw: unknown, path: string, type: { fields: Map<string, unknown> } | undefined, problems: PolicyProblem[]): void {
  if (!isObject(raw)) {
    problems.push({ path, message: 'must map record fields to { in: [...] } or { notIn: [...] }' });
    return;
  }
  for (const [key, test] of Object.entries(raw)) {
    if (type && !type.fields.has(key)) problems.push({ path: `${path}.${key}`, message: `the record has no field ${key}` });
    const valid = isObject(test) && Object.keys(test).length > 0 && Object.entries(test).every(([k, v]) => (k === 'in' || k === 'notIn') && Array.isArray(v) && v.every((x) => typeof x === 'string'));
    if (!valid) problems.push({ path: `${path}.${key}`, message: 'must be { in: [values] } or { notIn: [values] }' });
  }
}

function hint(name: string, candidates: Iterable<string>): string {
  const guess = closest(name, candidates);
  return guess ? ` (did you mean ${guess}?)` : '';
}

const PURPOSE_KEYS = new Set(['code', 'description', 'retired']);

/** The purpose catalogue: unique codes of the agreed form, each described for the officers who choose one. */
function validatePurposes(raw: unknown, problems: PolicyProblem[]): void {
  if (raw === undefined) return;
  if (!Array.isArray(raw)) {
    problems.push({ path: 'purposes', message: 'must be a list of { code, description }' });
    return;
  }
  const seen = new Set<string>();
  raw.forEach((purpose: unknown, i) => {
    const path = `purposes[${i}]`;
    if (!isObject(purpose)) return void problems.push({ path, message: 'must be a mapping with code and description' });
    for (const key of Object.keys(purpose)) if (!PURPOSE_KEYS.has(key)) problems.push({ path: `${path}.${key}`, message: `is not a purpose setting; use one of ${[...PURPOSE_KEYS].join(', ')}` });
    const { code, description, retired } = purpose;
    if (typeof code !== 'string' || !PURPOSE_CODE.test(code) || code.length > MAX_PURPOSE_CODE) {
      problems.push({ path: `${path}.code`, message: `must be lower-case words joined by hyphens, at most ${MAX_PURPOSE_CODE} characters (e.g. welfare-check)` });
    } else if (seen.has(code)) problems.push({ path: `${path}.code`, message: `${code} is already in the catalogue` });
    else seen.add(code);
    if (typeof description !== 'string' || description.trim() === '') problems.push({ path: `${path}.description`, message: 'must say what the purpose covers' });
    if (retired !== undefined && typeof retired !== 'boolean') problems.push({ path: `${path}.retired`, message: 'must be true or false' });
  });
}

/** A `Mutation.<name>` entry is governed by rules of its own kind; ownership neither requires nor refuses one. */
const isMutationEntry = (key: string): boolean => key === 'Mutation' || key.startsWith('Mutation.');

/**
 * Field ownership: each key a type or `Type.field` of the composed schema, each value a department, and
 * every classified field with its one owner (its own entry or its type's).
 */
function validateOwners(raw: unknown, catalog: FieldCatalog, problems: PolicyProblem[]): void {
  if (!isObject(raw)) {
    problems.push({ path: 'owners', message: 'must map each type (its default) or Type.field (an override) to the department owning it' });
    return;
  }
  for (const [key, department] of Object.entries(raw)) {
    const path = `owners.${key}`;
    if (!(DEPARTMENTS as readonly unknown[]).includes(department)) problems.push({ path, message: `unknown department "${String(department)}"; known: ${DEPARTMENTS.join(', ')}` });
    if (isMutationEntry(key)) continue;
    const [typeName, fieldName, extra] = key.split('.');
    const type = catalog.get(typeName ?? '');
    if (!type || extra !== undefined) problems.push({ path, message: `no type ${key} in the composed schema${hint(typeName ?? '', catalog.keys())}` });
    else if (fieldName !== undefined && !type.fields.has(fieldName)) problems.push({ path, message: `${typeName} has no field ${fieldName}${hint(fieldName, type.fields.keys())}` });
  }
  const owners = raw as Owners;
  for (const field of [...classifiedFields(catalog)].sort()) {
    if (!ownerOf({ owners }, field)) problems.push({ path: 'owners', message: `${field} is classified but has no owner; name one for ${field} or for ${field.split('.')[0]}` });
  }
}

/** The threshold, when the policy names none: a common floor of statistical offices for counts of people. */
export const DEFAULT_SMALL_COUNT_THRESHOLD = 5;
const MAX_SMALL_COUNT_THRESHOLD = 100;

function validateSmallCounts(raw: unknown, catalog: FieldCatalog, problems: PolicyProblem[]): void {
  if (raw === undefined) return;
  if (!isObject(raw)) {
    problems.push({ path: 'smallCounts', message: 'must be a mapping with threshold and fields' });
    return;
  }
  for (const key of Object.keys(raw)) if (key !== 'threshold' && key !== 'fields') problems.push({ path: `smallCounts.${key}`, message: 'is not a small-count setting; use threshold or fields' });
  const { threshold, fields } = raw;
  if (typeof threshold !== 'number' || !Number.isInteger(threshold) || threshold < 2 || threshold > MAX_SMALL_COUNT_THRESHOLD) {
    problems.push({ path: 'smallCounts.threshold', message: `must be a whole number from 2 to ${MAX_SMALL_COUNT_THRESHOLD} (the smallest count of a special group that may be shown)` });
  }
  if (!Array.isArray(fields)) {
    problems.push({ path: 'smallCounts.fields', message: 'must be a list of "Type.field" whose groups are special' });
    return;
  }
  fields.forEach((field, i) => {
    const [typeName, fieldName] = typeof field === 'string' ? field.split('.') : [];
    if (!typeName || !fieldName || !catalog.get(typeName)?.fields.has(fieldName)) problems.push({ path: `smallCounts.fields[${i}]`, message: `no field ${String(field)} in the composed schema` });
  });
}

/** Checks a parsed policy against the composed schema; every problem is reported, none ignored. */
export function validatePolicy(raw: unknown, catalog: FieldCatalog, source = 'the policy'): PolicyDocument {
  const problems: PolicyProblem[] = [];
  if (!isObject(raw)) throw new PolicyError([{ path: '', message: 'must be a mapping with version and rules' }], source);
  if (typeof raw.version !== 'number' || !Number.isInteger(raw.version)) problems.push({ path: 'version', message: 'must be a whole number' });
  if (!Array.isArray(raw.rules)) problems.push({ path: 'rules', message: 'must be a list of rules' });
  else raw.rules.forEach((rule, i) => validateRule(rule, `rules[${i}]`, catalog, problems));
  validatePurposes(raw.purposes, problems);
  validateOwners(raw.owners, catalog, problems);
  validateSmallCounts(raw.smallCounts, catalog, problems);
  if (problems.length) throw new PolicyError(problems, source);
  return {
    version: raw.version as number,
    rules: raw.rules as Rule[],
    ...(raw.purposes !== undefined ? { purposes: raw.purposes as Purpose[] } : {}),
    owners: raw.owners as Owners,
    ...(raw.smallCounts !== undefined ? { smallCounts: raw.smallCounts as SmallCounts } : {}),
  };
}
