import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { graphqlRequestSeconds } from '../metrics.js';
import { nameRequestSpan } from './tracing.js';

/** Distinct operation names kept as label values; later newcomers share one, so clients cannot grow the series without bound. */
export const MAX_OPERATION_LABELS = 200;
export const OTHER_OPERATIONS = 'other';
/** Unnamed operations. */
export const ANONYMOUS_OPERATION = 'anonymous';
/** Requests that never reached a valid operation (unparsable, invalid, unknown operation name). */
export const INVALID_OPERATION = 'invalid';

const seen = new Set<string>();

export function operationLabel(name: string): string {
  if (seen.has(name)) return name;
  if (seen.size >= MAX_OPERATION_LABELS) return OTHER_OPERATIONS;
  seen.add(name);
  return name;
}

/** Times every GraphQL request by operation name and names its trace span after the operation. */
export function graphqlMetricsPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      let operation = INVALID_OPERATION;
      return {
        async didResolveOperation({ operationName }) {
          operation = operationLabel(operationName ?? ANONYMOUS_OPERATION);
          nameRequestSpan(operation);
        },
        async willSendResponse() {
          graphqlRequestSeconds.observe({ operation }, Number(process.hrtime.bigint() - started) / 1e9);
        },
      };
    },
  };
}
