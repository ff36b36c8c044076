import { GraphQLError, type GraphQLSchema } from 'graphql';
import { rule, type IRule } from 'graphql-shield';
import type { Identity } from '@civic/runtime';
import { ACTION_TYPE } from '../policy/actions.js';
import { FOR_CALLER } from '../policy/engine.js';
import type { Decision } from '../policy/model.js';
import type { PolicyContext } from './decisions.js';

/** The mutations of a subgraph schema, each an action the policy governs. */
export function actionFieldsOf(schema: GraphQLSchema): { typeName: string; fieldName: string }[] {
  return Object.keys(schema.getMutationType()?.getFields() ?? {}).map((fieldName) => ({ typeName: ACTION_TYPE, fieldName }));
}

function forbiddenAction(action: string, identity: Identity, decision: Decision): GraphQLError {
  const who = `${identity.department} (${identity.roles.join(', ') || 'no role'})`;
  return new GraphQLError(`${who} may not run ${action.slice(ACTION_TYPE.length + 1)}: ${decision.reason}`, {
    extensions: { code: 'FORBIDDEN', field: action },
  });
}

/**
 * The shield's rule on a mutation: refuses before the resolver runs when no record could let the
 * caller run it. A rule that tests the record's values (`when`) may still allow it, so then the
 * resolver's `authorizeAction` decides once the record is loaded.
 */
export function actionRule(action: string): IRule {
  return rule(`run ${action}`, { cache: 'no_cache' })((_parent, _args, ctx: PolicyContext) => {
    const decision = ctx.policy.decide(ctx.identity, action, FOR_CALLER);
    if (decision.effect === 'allow' || ctx.policy.conditionalRules(ctx.identity, action).length > 0) return true;
    return forbiddenAction(action, ctx.identity, decision);
  });
}

/**
 * Called by a mutation's resolver with the record it acts on (loaded inside its transaction, or the
 * values about to be written), before anything is written: throws FORBIDDEN unless the policy lets the
 * caller run `action` on that record (its place for jurisdiction-scoped rules, its values for `when`).
 */
export function authorizeAction(ctx: PolicyContext, action: `${typeof ACTION_TYPE}.${string}`, record: object): void {
  const decision = ctx.policy.decide(ctx.identity, action, record as Readonly<Record<string, unknown>>);
  if (decision.effect !== 'allow') throw forbiddenAction(action, ctx.identity, decision);
}
