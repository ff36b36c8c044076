import { GraphQLError } from 'graphql';
import type { Identity } from '@civic/runtime';
import { FOR_CALLER, type PolicyEngine } from '../policy/engine.js';
import type { Decision } from '../policy/model.js';
import type { AuditBuffer } from '../audit/buffer.js';

/** What enforcement needs from a request's context. */
export interface PolicyContext {
  identity: Identity;
  policy: PolicyEngine;
  /** The request's decisions, each computed once however often a field is read. */
  decisions: DecisionCache;
  /** Where the request's classified reads are recorded; absent when auditing is off. */
  audit?: AuditBuffer;
}

/**
 * Per-request memo of the engine's answers: one per field when the answer cannot depend on the record,
 * else one per field and record object (so the shield's check and the read that follows agree).
 */
export class DecisionCache {
  private readonly byField = new Map<string, Decision>();
  private readonly byRecord = new WeakMap<object, Map<string, Decision>>();

  ofRecord(ctx: PolicyContext, field: string, record: unknown): Decision {
    if (!ctx.policy.dependsOnRecord(field)) return this.forField(ctx, field);
    // A record-dependent field read with no record object cannot be evaluated: ask as if for the caller.
    if (typeof record !== 'object' || record === null) return ctx.policy.decide(ctx.identity, field, FOR_CALLER);
    let decisions = this.byRecord.get(record);
    if (!decisions) this.byRecord.set(record, (decisions = new Map()));
    let decision = decisions.get(field);
    if (!decision) decisions.set(field, (decision = ctx.policy.decide(ctx.identity, field, record as Record<string, unknown>)));
    return decision;
  }

  /** A field whose decision no record can change: one engine call per request. */
  private forField(ctx: PolicyContext, field: string): Decision {
    let decision = this.byField.get(field);
    if (!decision) this.byField.set(field, (decision = ctx.policy.decide(ctx.identity, field, FOR_CALLER)));
    return decision;
  }
}

export function forbidden(field: string): GraphQLError {
  return new GraphQLError(`Your department may not read ${field}`, { extensions: { code: 'FORBIDDEN', field } });
}

/** Whether the caller may read `field` of a record, in full. */
export function mayRead(ctx: PolicyContext, field: string, record: unknown): boolean {
  return ctx.decisions.ofRecord(ctx, field, record).effect === 'allow';
}

/**
 * Filtering or searching by a classified field reveals its values as surely as reading it, so an
 * argument that filters by `field` needs the caller to be allowed to read it in full, for any record
 * inside the caller's jurisdiction: conditional allows do not count, since the filter sees every record.
 */
export function requireReadable(ctx: PolicyContext, field: string, argument: string): void {
  if (ctx.policy.decide(ctx.identity, field, FOR_CALLER).effect !== 'allow') {
    throw new GraphQLError(`${argument}: filtering by ${field} needs read access to it, which your department does not have`, {
      extensions: { code: 'FORBIDDEN', field, argument },
    });
  }
}
