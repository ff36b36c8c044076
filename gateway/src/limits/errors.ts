import type { ApolloServerOptions } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { ErrorCode } from '@civic/runtime';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** The operation limits by the names their refusals carry in `extensions.limit`. */
export type OperationLimitName = 'maxTokens' | 'maxDepth' | 'maxAliases' | 'maxDirectives' | 'maxRootFields' | 'maxMutationFields' | 'maxCost';

const WHAT: Record<OperationLimitName, string> = {
  maxTokens: 'tokens',
  maxDepth: 'depth',
  maxAliases: 'aliases',
  maxDirectives: 'directives',
  maxRootFields: 'root fields',
  maxMutationFields: 'mutation fields',
  maxCost: 'estimated cost',
};

function limitExtensions(limit: OperationLimitName, found: number, allowed: number) {
  return { code: ErrorCode.OperationLimitExceeded, limit, found, allowed };
}

export function operationLimitExceeded(limit: OperationLimitName, found: number, allowed: number): GraphQLError {
  return new GraphQLError(`Operation refused: ${WHAT[limit]} ${found} exceeds the limit of ${allowed} (${limit})`, {
    extensions: { ...limitExtensions(limit, found, allowed), http: { status: 400 } },
  });
}

export type RateLimitName = 'user' | 'department';

export function rateLimited(limit: RateLimitName, allowed: number, windowSeconds: number, retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(`Too many requests: the ${limit} limit of ${allowed} per ${windowSeconds} s is used up; retry after ${retryAfterSeconds} s`, {
    extensions: {
      code: ErrorCode.RateLimited,
      limit,
      allowed,
      windowSeconds,
      retryAfterSeconds,
      http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) },
    },
  });
}

type FormatError = NonNullable<ApolloServerOptions<never>['formatError']>;

/** graphql-js 16 spells it "more that"; later versions may fix it. */
const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more tha[nt] (\d+) tokens/;

/**
 * Two limits are refused by Apollo Server itself, each with its own code: it reports every validation
 * rule's error as GRAPHQL_VALIDATION_FAILED (replacing the rule's code), and the token limit of its
 * parser as GRAPHQL_PARSE_FAILED. Both get OPERATION_LIMIT_EXCEEDED back, so every limit is refused
 * alike whichever stage checked it. The parser stops at the limit, so a token refusal's `found` is
 * the first token past it.
 */
export function keepingLimitCodes(format: FormatError): FormatError {
  return (formatted: GraphQLFormattedError, error: unknown) => {
    const original = error instanceof GraphQLError ? error.originalError : undefined;
    if (original instanceof GraphQLError && original.extensions.code === ErrorCode.OperationLimitExceeded) {
      return format({ ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.OperationLimitExceeded } }, error);
    }
    const tokens = TOKEN_LIMIT_MESSAGE.exec(formatted.message);
    if (tokens) {
      const allowed = Number(tokens[1]);
      const message = `Operation refused: more than ${allowed} tokens exceed the limit of ${allowed} (maxTokens)`;
      return format({ message, extensions: limitExtensions('maxTokens', allowed + 1, allowed) }, error);
    }
    return format(formatted, error);
  };
}
