import { ErrorCode, notFound } from '@civic/runtime';
import { GraphQLError } from 'graphql';

/**
 * A write that names another subgraph's record (an incident's building, a dispatch's incident) asks
 * that record's owner whether it exists, through federation's `_entities`, with the caller's own
 * gateway-issued token: the owner's place scope and policy then decide, as for any read, and a record
 * the caller may not see is as absent as one that does not exist. Nothing is taken on trust: an owner
 * that does not answer in time refuses the write (SUBGRAPH_UNAVAILABLE), never lets it through.
 */
export const OWNER_SUBGRAPHS = ['population', 'buildings', 'incidents'] as const;
export type OwnerSubgraph = (typeof OWNER_SUBGRAPHS)[number];

export interface OwnerEndpoints {
  urls: Partial<Record<OwnerSubgraph, string>>;
  timeoutMs: number;
}

interface EntitiesAnswer<T> {
  data?: { _entities?: (T | null)[] } | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

function unavailable(owner: OwnerSubgraph, field: string, reason: string): GraphQLError {
  return new GraphQLError(`${field}: cannot be checked with the ${owner} service (${reason}); nothing was written`, {
    extensions: { code: ErrorCode.SubgraphUnavailable, service: owner, field },
  });
}

/** NOT_FOUND whose message starts with the field, like BAD_USER_INPUT's; the same for a record the caller may not see. */
export function notFoundAt(field: string, typeName: string, id: number): GraphQLError {
  const error = notFound(typeName, String(id), field);
  return new GraphQLError(`${field}: ${error.message}`, { extensions: error.extensions });
}

export class OwnerRecords {
  constructor(
    private readonly endpoints: OwnerEndpoints,
    /** The caller's gateway-issued Authorization header, forwarded as the caller's identity. */
    private readonly authorization: string | undefined,
  ) {}

  /**
   * The records of `typeName` with these ids that the caller may see, with the fields of `selection`
   * (public fields: no grant or purpose comes into it); ids absent from the map do not exist for the caller.
   */
  async find<T extends { id: string }>(owner: OwnerSubgraph, typeName: string, ids: readonly number[], selection: string, field: string): Promise<Map<number, T>> {
    const found = new Map<number, T>();
    if (!ids.length) return found;
    const url = this.endpoints.urls[owner];
    if (!url) throw unavailable(owner, field, `its URL is not configured: set ${owner.toUpperCase()}_URL`);
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typeName} { id ${selection} } } }`;
    const representations = ids.map((id) => ({ __typename: typeName, id: String(id) }));
    let answer: EntitiesAnswer<T>;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.authorization ? { authorization: this.authorization } : {}) },
        body: JSON.stringify({ query, variables: { r: representations } }),
        signal: AbortSignal.timeout(this.endpoints.timeoutMs),
      });
      answer = (await response.json()) as EntitiesAnswer<T>;
      if (!response.ok && !answer.errors?.length) throw new Error(`HTTP ${response.status}`);
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      throw unavailable(owner, field, timedOut ? `no answer within ${this.endpoints.timeoutMs} ms` : `unreachable: ${(error as Error).message}`);
    }
    if (answer.errors?.length) throw unavailable(owner, field, `it answered ${answer.errors[0]!.extensions?.code ?? 'an error'}`);
    answer.data?._entities?.forEach((record, n) => {
      if (record) found.set(ids[n]!, record);
    });
    return found;
  }

  /** The one record `field` names, or NOT_FOUND naming the field. */
  async require<T extends { id: string }>(owner: OwnerSubgraph, typeName: string, id: number, selection: string, field: string): Promise<T> {
    const record = (await this.find<T>(owner, typeName, [id], selection, field)).get(id);
    if (!record) throw notFoundAt(field, typeName, id);
    return record;
  }
}
