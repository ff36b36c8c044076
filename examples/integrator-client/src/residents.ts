import type { ApolloClient } from '@apollo/client/core/index.js';
import type { GraphQLFormattedError } from 'graphql';
import { refusedQuery, RequestFailed, reportedInBody } from './failure.js';
import { ResidentsPageDocument } from './gql/graphql.js';

export interface ResidentsOptions {
  /** A grid code, or any prefix of one (a street, a community). */
  grid: string;
  /** Residents per request; the graph caps it at 200. */
  pageSize: number;
}

/** Field errors of one kind, e.g. FORBIDDEN at residents.edges.*.node.idNumber, with how often they came. */
interface FieldErrors {
  code: string;
  path: string;
  message: string;
  count: number;
}

/**
 * Pages through the residents of a grid, following pageInfo.endCursor until hasNextPage is false. Prints
 * each resident as one line of JSON on stdout, as it goes; then one summary line on stderr: pages,
 * residents, and the field errors that came with the data (a field the caller may not read is null, and
 * its error says so; the rest of the answer stands).
 */
export async function listResidents(client: ApolloClient<object>, options: ResidentsOptions, stdout = process.stdout, stderr = process.stderr): Promise<void> {
  const fieldErrors = new Map<string, FieldErrors>();
  let pages = 0;
  let printed = 0;
  let totalCount = 0;
  for (let after: string | null = null; ; ) {
    const { data, errors } = await query(client, { grid: options.grid, first: options.pageSize, after });
    // Without the connection there is nothing to page through: the errors say why (e.g. BAD_USER_INPUT).
    if (!data?.residents) throw new RequestFailed(errors?.length ? reportedInBody({ errors }) : [{ code: 'NO_DATA', message: 'the answer has no residents' }]);
    const { edges, pageInfo } = data.residents;
    pages += 1;
    totalCount = data.residents.totalCount;
    for (const { node } of edges) {
      const { id, name, age, gridCode, idNumber } = node;
      stdout.write(JSON.stringify({ id, name, age, gridCode, idNumber }) + '\n');
      printed += 1;
    }
    for (const error of errors ?? []) tally(fieldErrors, error);
    if (!pageInfo.hasNextPage || !pageInfo.endCursor) break;
    after = pageInfo.endCursor;
  }
  const refused = [...fieldErrors.values()].map((e) => `${e.count}× ${e.code} at ${e.path} (${e.message})`);
  stderr.write(`${printed} residents of ${options.grid} in ${pages} ${pages === 1 ? 'page' : 'pages'} (totalCount ${totalCount}); field errors: ${refused.length ? refused.join('; ') : 'none'}\n`);
}

/** One page; a refused request (401, 400, a gateway down) becomes a RequestFailed with the gateway's codes. */
async function query(client: ApolloClient<object>, variables: { grid: string; first: number; after: string | null }) {
  try {
    return await client.query({ query: ResidentsPageDocument, variables });
  } catch (error) {
    throw refusedQuery(error);
  }
}

/** Counts an error under its code and its path with the list indexes left out: one line per kind in the summary. */
function tally(fieldErrors: Map<string, FieldErrors>, error: GraphQLFormattedError) {
  const code = typeof error.extensions?.code === 'string' ? error.extensions.code : 'ERROR';
  const path = (error.path ?? []).map((segment) => (typeof segment === 'number' ? '*' : segment)).join('.') || '(no path)';
  const key = `${code} ${path}`;
  const known = fieldErrors.get(key);
  if (known) known.count += 1;
  else fieldErrors.set(key, { code, path, message: error.message, count: 1 });
}
