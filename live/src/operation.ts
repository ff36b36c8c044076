import { getOperationAST, GraphQLError, parse, validate, type DocumentNode, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import { verifyAuthorization, type TokenVerifier } from '@civic/runtime';
import { byResponseKey, type LiveContext } from './subscription.js';

/** Apollo's parser limit at the gateway, applied here too before anything is parsed further. */
const MAX_TOKENS = 5000;

export interface OperationRequest {
  authorization: string | undefined;
  purpose: string | undefined;
  query: string;
  variables: Record<string, unknown> | undefined;
  operationName: string | undefined;
}

export type Prepared = { args: ExecutionArgs & { contextValue: LiveContext } } | { status: number; errors: GraphQLError[] };

export interface OperationGate {
  schema: GraphQLSchema;
  userTokens: TokenVerifier;
  /** Whether another subscription may open now (the per-process cap). */
  hasRoom: () => boolean;
}

function refused(status: number, message: string, code: string): Prepared {
  return { status, errors: [new GraphQLError(message, { extensions: { code } })] };
}

/**
 * The same gate for SSE and WebSocket: the subscriber's token verified exactly as the gateway verifies
 * it (the identity provider's keys, issuer, audience, lifetime cap), a document within the token limit
 * that validates against the schema, and a subscription: queries and mutations belong to the gateway.
 */
export async function prepareOperation(gate: OperationGate, request: OperationRequest): Promise<Prepared> {
  let identity;
  try {
    identity = await verifyAuthorization(gate.userTokens, request.authorization, request.purpose);
  } catch (error) {
    return { status: 401, errors: [error as GraphQLError] };
  }
  if (!gate.hasRoom()) return refused(503, 'This live service holds as many subscriptions as it may (LIVE_MAX_SUBSCRIPTIONS); try another replica or later', 'LIVE_CAPACITY');
  let document: DocumentNode;
  try {
    document = parse(request.query, { maxTokens: MAX_TOKENS });
  } catch (error) {
    return { status: 400, errors: [error as GraphQLError] };
  }
  const errors = validate(gate.schema, document);
  if (errors.length) return { status: 400, errors: [...errors] };
  const operation = getOperationAST(document, request.operationName);
  if (operation?.operation !== 'subscription') return refused(400, 'The live service runs subscriptions only; send queries and mutations to the gateway', 'BAD_USER_INPUT');
  const contextValue: LiveContext = { identity, authorization: request.authorization!, purpose: request.purpose };
  return {
    args: {
      schema: gate.schema,
      document,
      ...(request.variables ? { variableValues: request.variables } : {}),
      ...(request.operationName ? { operationName: request.operationName } : {}),
      contextValue,
      fieldResolver: byResponseKey,
    },
  };
}
