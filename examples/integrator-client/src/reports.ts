import type { ApolloClient } from '@apollo/client/core/index.js';
import { refusedQuery, RequestFailed, reportedInBody } from './failure.js';
import { SavedReportsDocument } from './gql/graphql.js';

/** Lists the saved reports the caller may run, one per line: id, a tab, name (department). */
export async function listReports(client: ApolloClient<object>, stdout = process.stdout): Promise<void> {
  let answer;
  try {
    answer = await client.query({ query: SavedReportsDocument });
  } catch (error) {
    throw refusedQuery(error);
  }
  if (!answer.data?.savedReports) throw new RequestFailed(reportedInBody({ errors: answer.errors ?? [] }));
  for (const report of answer.data.savedReports) stdout.write(`${report.id}\t${report.name} (${report.department})\n`);
}
