import { getNamedType, isNonNullType, isObjectType, type GraphQLError, type GraphQLSchema } from 'graphql';
import { applyMiddleware, type IMiddleware, type IMiddlewareFunction } from 'graphql-middleware';
import { allow, rule, shield, type IRule, type IRules } from 'graphql-shield';
import { classificationOf } from '../policy/catalog.js';
import type { Classification } from '../policy/classification.js';
import { applyMask, UnmaskableValue } from '../policy/masking.js';
import { actionFieldsOf, actionRule } from './actions.js';
import { forbidden, type PolicyContext } from './decisions.js';

export interface ClassifiedField {
  typeName: string;
  fieldName: string;
  classification: Classification;
  valueType: string;
}

/** The classified fields of a subgraph schema, as `@Classified` declared them. */
export function classifiedFieldsOf(schema: GraphQLSchema): ClassifiedField[] {
  const fields: ClassifiedField[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('_')) continue;
    for (const field of Object.values(type.getFields())) {
      const classification = field.astNode ? classificationOf(field.astNode) : 'public';
      if (classification === 'public') continue;
      if (isNonNullType(field.type)) {
        throw new Error(`${type.name}.${field.name} is classified ${classification} but non-null: a denied field must be able to be null`);
      }
      fields.push({ typeName: type.name, fieldName: field.name, classification, valueType: getNamedType(field.type).name });
    }
  }
  return fields;
}

type FieldTree<T> = Record<string, Record<string, T>>;
type GuardedField = Pick<ClassifiedField, 'typeName' | 'fieldName'>;

function place<T>(tree: FieldTree<T>, { typeName, fieldName }: GuardedField, value: T): void {
  (tree[typeName] ??= {})[fieldName] = value;
}

/**
 * Wraps a subgraph schema so the data owner never hands out what its policy denies, whoever calls:
 * graphql-shield refuses denied fields (null + FORBIDDEN, the rest of the answer intact), and a
 * middleware masks values the policy masks and records every classified value handed out. Only
 * classified fields get a rule; everything else passes untouched, so the cost is paid where the
 * sensitivity is. Every mutation is an action the policy governs: a shield rule refuses it before its
 * resolver runs when the caller could not run it on any record (mutations are not reads: no audit).
 */
export function enforcePolicy(schema: GraphQLSchema): GraphQLSchema {
  const classified = classifiedFieldsOf(schema);
  const actions = actionFieldsOf(schema);
  const rules: FieldTree<IRule> = {};
  const reads: FieldTree<IMiddlewareFunction> = {};
  for (const field of classified) {
    const key = `${field.typeName}.${field.fieldName}`;
    place(rules, field, rule(`read ${key}`, { cache: 'no_cache' })((parent, _args, ctx: PolicyContext) => refusedOrTrue(ctx, key, parent)));
    place(reads, field, readMiddleware(key));
  }
  for (const action of actions) place(rules, action, actionRule(`${action.typeName}.${action.fieldName}`));
  const guarded = [...classified, ...actions];
  const permissions = onlyGuarded(shield(rules as IRules, { fallbackRule: allow, allowExternalErrors: true, debug: false }).generate(schema), guarded);
  const enforced = applyMiddleware(schema, permissions, reads);
  restoreReferenceResolvers(schema, enforced);
  return enforced;
}

/**
 * graphql-shield wraps every field of the schema in an async function, even those its fallback rule
 * lets through; keeping only the guarded fields' wrappers (classified fields, mutations) spares every
 * public field that cost.
 */
function onlyGuarded(middleware: IMiddleware, guarded: GuardedField[]): IMiddleware {
  const kept: FieldTree<IMiddlewareFunction> = {};
  for (const field of guarded) {
    const wrapper = (middleware as FieldTree<IMiddlewareFunction>)[field.typeName]?.[field.fieldName];
    if (wrapper) place(kept, field, wrapper);
  }
  return kept as IMiddleware;
}

/**
 * The shield's check of a classified field: a refusal is recorded in the trail as a denied attempt (once per
 * field and record, as reads are), so the owner sees who tried to read what they may not.
 */
function refusedOrTrue(ctx: PolicyContext, key: string, parent: unknown): true | GraphQLError {
  const decision = ctx.decisions.ofRecord(ctx, key, parent);
  if (decision.effect !== 'deny') return true;
  ctx.audit?.record(key, parent as Record<string, unknown> | null, decision);
  return forbidden(key);
}

/** Masks what the policy masks (refusing what cannot be masked) and records every classified value handed out. */
function readMiddleware(key: string): IMiddlewareFunction {
  return async (resolve, parent, args, ctx: PolicyContext, info) => {
    const value = await resolve(parent, args, ctx, info);
    if (value === null || value === undefined) return value;
    const decision = ctx.decisions.ofRecord(ctx, key, parent);
    if (decision.effect === 'deny') throw forbidden(key);
    const handedOut = decision.effect === 'mask' ? masked(key, decision.mask!, value) : value;
    ctx.audit?.record(key, parent, decision);
    return handedOut;
  };
}

function masked(key: string, style: string, value: unknown): unknown {
  try {
    return applyMask(style, value);
  } catch (error) {
    if (error instanceof UnmaskableValue) throw forbidden(key);
    throw error;
  }
}

/** graphql-middleware rebuilds types and drops federation's reference resolvers; put them back. */
function restoreReferenceResolvers(original: GraphQLSchema, enforced: GraphQLSchema): void {
  for (const type of Object.values(original.getTypeMap())) {
    const apollo = (type.extensions as { apollo?: unknown }).apollo;
    if (!apollo) continue;
    const target = enforced.getType(type.name);
    if (target) target.extensions = { ...target.extensions, apollo };
  }
}
