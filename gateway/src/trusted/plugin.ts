import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '@civic/runtime';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../context.js';
import type { TrustedManifest } from './manifest.js';
import { mustNameTrustedOperation, type TrustedRequirement } from './requirement.js';

/**
 * For the callers TRUSTED_OPERATIONS_REQUIRED names, only reviewed operations run: the request must name
 * a manifest entry by its hash (`extensions.persistedQuery.sha256Hash`), with or without its text (Apollo
 * checks a text sent along hashes to the name). Anything else is refused before it is planned.
 */
export function trustedOperationsPlugin(manifest: TrustedManifest, requirements: readonly TrustedRequirement[]): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, request }) {
          if (!mustNameTrustedOperation(contextValue.identity, requirements)) return;
          const hash = request.extensions?.persistedQuery?.sha256Hash;
          if (typeof hash === 'string' && manifest.has(hash)) return;
          throw new GraphQLError(`Your department (${contextValue.identity.department}) may run only reviewed operations: send extensions.persistedQuery.sha256Hash of an operation in the manifest`, {
            extensions: { code: ErrorCode.OperationNotTrusted, http: { status: 403 } },
          });
        },
      };
    },
  };
}
