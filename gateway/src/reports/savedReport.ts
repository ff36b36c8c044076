import type { ReportDefinition } from '@civic/reports';
import { ErrorCode } from '@civic/runtime';
import { GraphQLError } from 'graphql';
import { request } from 'undici';

/** A report as the access service answers it to the caller: its definition, and the threshold its counts are protected with. */
export interface SavedReport extends ReportDefinition {
  id: string;
  suppressBelow: number;
}

const SAVED_REPORT = `query SavedReportToRun($id: ID!) {
  savedReport(id: $id) {
    id name description operation operationName variables rowsAt groupBy suppressBelow
    columns { key label path prefix }
    where { column operator value }
    aggregates { key label kind condition { column operator value } }
  }
}`;

interface Answer {
  data?: { savedReport: (Omit<SavedReport, 'variables'> & { variables: string }) | null } | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

const unreachable = () =>
  new GraphQLError('The access subgraph could not be reached for the report', { extensions: { code: ErrorCode.SubgraphUnavailable, service: 'access', retryable: true, http: { status: 503 } } });

/**
 * The report `id` as its runner may see it, from the access service with the gateway-issued identity:
 * the access service answers null, as for a missing one, when it is not shared with the runner's department.
 */
export async function loadSavedReport(accessUrl: string, subgraphAuthorization: string, id: string, timeoutMs: number, signal: AbortSignal): Promise<SavedReport> {
  let answer: Answer;
  try {
    const response = await request(accessUrl, {
      method: 'POST',
      headers: { authorization: subgraphAuthorization, 'content-type': 'application/json' },
      body: JSON.stringify({ query: SAVED_REPORT, variables: { id } }),
      signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    answer = (await response.body.json()) as Answer;
  } catch (error) {
    if (signal.aborted) throw error;
    throw unreachable();
  }
  const report = answer.data?.savedReport;
  if (!report) {
    const cause = answer.errors?.[0];
    // The access service's own refusal (a malformed id) is the caller's to read; anything else is "no such report".
    if (cause?.extensions?.code === ErrorCode.BadUserInput) throw new GraphQLError(cause.message, { extensions: { code: ErrorCode.BadUserInput, field: 'id' } });
    if (cause && cause.extensions?.code !== ErrorCode.NotFound) throw unreachable();
    throw new GraphQLError(`Report ${id} does not exist or is not shared with your department (savedReports lists those you may run)`, { extensions: { code: ErrorCode.NotFound } });
  }
  return { ...report, variables: JSON.parse(report.variables) as Record<string, unknown> };
}
