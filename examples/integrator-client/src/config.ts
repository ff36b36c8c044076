/**
 * Where the gateway is and who is asking, from the environment: an integrator's service gets its token
 * from the city's identity provider (or `npm run -s token -- --department civil` in development).
 */
export interface Config {
  /** The gateway's GraphQL endpoint; the report endpoints live on the same origin. */
  graphqlUrl: URL;
  /** Sent with every request, GraphQL or not. */
  headers: Record<string, string>;
}

export class UsageError extends Error {}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const token = env.CIVIC_TOKEN;
  if (!token) throw new UsageError('CIVIC_TOKEN is not set: every request needs a bearer token');
  let graphqlUrl: URL;
  try {
    graphqlUrl = new URL(env.GATEWAY_URL || 'http://127.0.0.1:4000/graphql');
  } catch {
    throw new UsageError(`GATEWAY_URL is not a URL: ${env.GATEWAY_URL}`);
  }
  return {
    graphqlUrl,
    headers: {
      authorization: `Bearer ${token}`,
      // The purpose of the access (a code from the policy's purposes): some rules and grants hold only with one.
      ...(env.CIVIC_PURPOSE ? { 'x-access-purpose': env.CIVIC_PURPOSE } : {}),
    },
  };
}
