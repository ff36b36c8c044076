import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Logger } from '@civic/runtime';
import type { ValidationRule } from 'graphql';
import { costDeclarationsOf, estimateCost, type CostDeclarations } from './cost.js';
import { operationLimitExceeded } from './errors.js';
import type { OperationLimits } from './settings.js';
import { limitValidationRules } from './validationRules.js';

export { keepingLimitCodes } from './errors.js';
export { createRateLimiter, type RateLimiter } from './rateLimits.js';

/**
 * The cost depends on the request's variables (`first: $n`), so it is estimated per request, once the
 * operation is resolved and before the gateway plans it.
 */
function costLimitPlugin(maxCost: number, declarations: CostDeclarations, logger: Logger): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const cost = Math.ceil(estimateCost(schema, document, operation, declarations, request.variables));
          logger.debug({ operation: operation.name?.value, cost }, 'operation cost estimated');
          if (cost > maxCost) throw operationLimitExceeded('maxCost', cost, maxCost);
        },
      };
    },
  };
}

export interface OperationLimitsSetup {
  /** For ApolloServer's `parseOptions`. */
  parseOptions: { maxTokens: number };
  validationRules: ValidationRule[];
  plugin: ApolloServerPlugin<BaseContext>;
}

/** Everything Apollo Server needs to refuse an operation over a limit before the gateway plans it. */
export function operationLimits(limits: OperationLimits, supergraphSdl: string, logger: Logger): OperationLimitsSetup {
  return {
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: limitValidationRules(limits),
    plugin: costLimitPlugin(limits.maxCost, costDeclarationsOf(supergraphSdl), logger),
  };
}
