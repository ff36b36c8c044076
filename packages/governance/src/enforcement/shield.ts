import { GraphQLError, getNamedType, isNonNullType, isObjectType, type GraphQLSchema } from 'graphql';
import { applyMiddleware, type IMiddleware, type IMiddlewareFunction } from 'graphql-middleware';
import { allow, rule, shield } from 'graphql-shield';
import type { IRule, IRules } from 'graphql-shield';
import type { AuditBuffer } from '../audit/buffer.js';
import type { Identity } from '@civic/runtime';
import { classificationOf } from '../policy/catalog.js';
import type { Classification } from '../policy/classification.js';
import type { PolicyEngine } from '../policy/engine.js';
import { applyMask } from '../policy/masking.js';
import type { Decision } from '../policy/model.js';

/** What enforcement needs from a request's context. */
export interface PolicyContext {
  identity: Identity;
  policy: PolicyEngine;
  /** Decisions that do not depend on the record, memoised for the request. */
  decisions: Map<string, Decision>;
  /** Where the request's classified reads are recorded; absent when auditing is off. */
  audit?: AuditBuffer;
}

export function decide(ctx: PolicyContext, field: string, record: unknown): Decision {
  if (ctx.policy.dependsOnRecord(field)) return ctx.policy.decide(ctx.identity, field, record as Record<string, unknown>);
  let decision = ctx.decisions.get(field);
  if (!decision) {
    decision = ctx.policy.decide(ctx.identity, field, null);
    ctx.decisions.set(field, decision);
  }
  return decision;
}

export function forbidden(field: string): GraphQLError {
  return new GraphQLError(`Your department may not read ${field}`, { extensions: { code: 'FORBIDDEN', field } });
}

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

function place<T>(tree: FieldTree<T>, { typeName, fieldName }: ClassifiedField, value: T): void {
  (tree[typeName] ??= {})[fieldName] = value;
}

/**
 * Wraps a subgraph schema so the data owner never hands out what its policy denies, whoever calls:
 * graphql-shield refuses denied fields (null + FORBIDDEN, the rest of the answer intact), and a
 * middleware masks values the policy masks and records every classified value handed out. Only
 * classified fields get a rule; everything else passes untouched, so the cost is paid where the
 * sensitivity is.
 */
export function enforcePolicy(schema: GraphQLSchema): GraphQLSchema {
  const classified = classifiedFieldsOf(schema);
  const rules: FieldTree<IRule> = {};
  const reads: FieldTree<IMiddlewareFunction> = {};
  for (const field of classified) {
    const key = `${field.typeName}.${field.fieldName}`;
    place(rules, field, rule(`read ${key}`, { cache: 'no_cache' })((parent, _args, ctx: PolicyContext) =>
      decide(ctx, key, parent).effect === 'deny' ? forbidden(key) : true,
    ));
    place(reads, field, readMiddleware(key, field.valueType === 'String'));
  }
  const permissions = onlyClassified(shield(rules as IRules, { fallbackRule: allow, allowExternalErrors: true, debug: false }).generate(schema), classified);
  const enforced = applyMiddleware(schema, permissions, reads);
  restoreReferenceResolvers(schema, enforced);
  return enforced;
}

/**
 * graphql-shield wraps every field of the schema in an async function, even those its fallback rule
 * lets through; keeping only the classified fields' wrappers spares every public field that cost.
 */
function onlyClassified(middleware: IMiddleware, classified: ClassifiedField[]): IMiddleware {
  const kept: FieldTree<IMiddlewareFunction> = {};
  for (const field of classified) {
    const wrapper = (middleware as FieldTree<IMiddlewareFunction>)[field.typeName]?.[field.fieldName];
    if (wrapper) place(kept, field, wrapper);
  }
  return kept as IMiddleware;
}

function readMiddleware(key: string, maskable: boolean): IMiddlewareFunction {
  return async (resolve, parent, args, ctx: PolicyContext, info) => {
    const value = await resolve(parent, args, ctx, info);
    if (value === null || value === undefined) return value;
    const decision = decide(ctx, key, parent);
    ctx.audit?.record(key, parent, decision);
    return maskable && decision.effect === 'mask' ? applyMask(decision.mask!, value) : value;
  };
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

/**
 * Filtering or searching by a classified field reveals its values as surely as reading it, so an
 * argument that filters by `field` needs the caller to be allowed to read it in full.
 */
export function requireReadable(ctx: PolicyContext, field: string, argument: string): void {
  const record = { gridCode: ctx.identity.jurisdiction ?? '' };
  if (decide(ctx, field, record).effect !== 'allow') {
    throw new GraphQLError(`${argument}: filtering by ${field} needs read access to it, which your department does not have`, {
      extensions: { code: 'FORBIDDEN', field, argument },
    });
  }
}

/** Whether the caller may read `field` of a record, in full. */
export function mayRead(ctx: PolicyContext, field: string, record: unknown): boolean {
  return decide(ctx, field, record).effect === 'allow';
}
