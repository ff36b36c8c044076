import type { ApolloServerOptions, ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Logger } from '@civic/runtime';
import type { GraphQLFormattedError } from 'graphql';

type FormatError = NonNullable<ApolloServerOptions<never>['formatError']>;

/**
 * Every error that came from a subgraph names it in `extensions.service`, as the gateway's own
 * SUBGRAPH_UNAVAILABLE and SUBGRAPH_TIMEOUT do; Apollo Gateway records it as `serviceName`.
 */
export function namingTheService(format: FormatError): FormatError {
  return (formatted, error) => {
    const result = format(formatted, error);
    const service = formatted.extensions?.serviceName;
    if (typeof service !== 'string' || result.extensions?.service !== undefined) return result;
    return { ...result, extensions: { ...result.extensions, service } };
  };
}

interface ValueCompletionError {
  message: string;
  path?: readonly (string | number)[];
}

/**
 * Apollo Gateway checks the merged answer against the schema and, when nothing else failed, reports
 * what did not fit (a null in a non-null field, a value of the wrong kind) as INVALID_GRAPHQL entries
 * of `extensions.valueCompletion`, after nulling the enclosing field. No answer should hold one: links
 * between subgraphs are nullable, and a record its owner does not return (absent, or outside the
 * caller's scope) nulls the link or leaves the list (patches/@apollo+gateway+*.patch). So each is a
 * defect: logged in full, and told to the client only as an internal error at its path.
 */
export function valueCompletionAsErrors(logger: Logger): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, operationName }) {
          if (response.body.kind !== 'single') return;
          const { extensions: allExtensions, ...result } = response.body.singleResult;
          const { valueCompletion, ...extensions } = allExtensions ?? {};
          if (!Array.isArray(valueCompletion)) return;
          const entries = valueCompletion as ValueCompletionError[];
          logger.error({ operationName, valueCompletion: entries.map(({ message, path }) => ({ message, path })) }, 'the merged answer did not fit the schema');
          const errors: GraphQLFormattedError[] = entries.map(({ path }) => ({ message: 'Internal server error', ...(path ? { path } : {}), extensions: { code: 'INTERNAL_SERVER_ERROR' } }));
          response.body.singleResult = {
            ...result,
            errors: [...(result.errors ?? []), ...errors],
            ...(Object.keys(extensions).length ? { extensions } : {}),
          };
        },
      };
    },
  };
}
