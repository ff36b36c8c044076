import { chosenOperation, fieldsAt, fragmentsOf, pagingVariable, readPage, ReportSourceError, subSelections, variablesForRun, type Answer, type SourceRow } from '@civic/reports';
import { ErrorCode } from '@civic/runtime';
import { GraphQLError, parse } from 'graphql';
import type { SavedReport } from './savedReport.js';

export interface RunProgress {
  pages: number;
  sourceRows: number;
}

/** Sends one page's operation through the gateway's own /graphql as the runner. */
export type PageFetcher = (body: { query: string; operationName: string | null; variables: Record<string, unknown> }) => Promise<Answer>;

export interface RunOptions {
  overrides: Record<string, unknown>;
  maxRows: number;
  fetchPage: PageFetcher;
  onProgress: (progress: RunProgress) => void;
  now: Date;
}

export interface RunRows extends RunProgress {
  rows: SourceRow[];
}

/** The variables a report's operation declares, and the one it pages with (the list field's `after` argument). */
function variablesOf(report: SavedReport): { declared: Set<string>; paging: string | undefined } {
  const document = parse(report.operation);
  const operation = chosenOperation(document, report.operationName);
  // Saving checked this; a report changed behind the access service's back must not write as its runner.
  if (operation?.operation !== 'query') throw new GraphQLError(`Report ${report.id} does not hold one query to run`, { extensions: { code: ErrorCode.BadUserInput, http: { status: 422 } } });
  const fragments = fragmentsOf(document);
  let fields = fieldsAt(operation.selectionSet.selections, report.rowsAt.split('.')[0]!, fragments);
  for (const key of report.rowsAt.split('.').slice(1)) fields = fieldsAt(subSelections(fields), key, fragments);
  return { declared: new Set((operation.variableDefinitions ?? []).map((variable) => variable.variable.name.value)), paging: pagingVariable(fields) };
}

/** The HTTP status of a run the graph refused, by the graph's code: the caller's to fix (4xx) or the platform's, for now (5xx). */
const STATUS_OF_REFUSAL: Record<string, number> = {
  [ErrorCode.BadUserInput]: 400,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.OperationNotTrusted]: 403,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.SubgraphUnavailable]: 503,
  [ErrorCode.DatabaseUnavailable]: 503,
  [ErrorCode.SubgraphTimeout]: 504,
  [ErrorCode.RequestTimeout]: 504,
  [ErrorCode.DatabaseTimeout]: 504,
};

const tooLarge = (maxRows: number) =>
  new GraphQLError(`The report read more than ${maxRows} rows (REPORT_MAX_ROWS); narrow it with its variables (a place, a period)`, { extensions: { code: ErrorCode.ReportTooLarge, http: { status: 413 } } });

/**
 * Every page of a report's query, as the runner: the next page is asked for with the last page's
 * endCursor until there is none. The graph's refusal of the list (or its failure) ends the run with the
 * graph's own code; refusals of single values stay in their cells.
 */
export async function runReport(report: SavedReport, options: RunOptions): Promise<RunRows> {
  const { declared, paging } = variablesOf(report);
  for (const name of Object.keys(options.overrides)) {
    // A misspelt variable would otherwise be dropped without a word, and the run answer something else than asked.
    if (!declared.has(name)) throw new GraphQLError(`variables.${name}: the report's query declares no $${name} (it declares ${[...declared].map((each) => `$${each}`).join(', ') || 'none'})`, { extensions: { code: ErrorCode.BadUserInput, field: `variables.${name}`, http: { status: 400 } } });
  }
  const variables = variablesForRun(report.variables, options.overrides, options.now, paging);
  const rows: SourceRow[] = [];
  let pages = 0;
  for (let after: string | null = null; ; ) {
    const answer = await options.fetchPage({ query: report.operation, operationName: report.operationName, variables: paging ? { ...variables, [paging]: after } : variables });
    let page;
    try {
      page = readPage(report, answer);
    } catch (error) {
      if (error instanceof ReportSourceError) {
        // Anything else (its query no longer validates, a limit) is the report's to fix: 422.
        throw new GraphQLError(`The report's query was refused: ${error.message}`, { extensions: { code: error.code, http: { status: STATUS_OF_REFUSAL[error.code] ?? 422 } } });
      }
      throw error;
    }
    pages += 1;
    rows.push(...page.rows);
    if (rows.length > options.maxRows) throw tooLarge(options.maxRows);
    options.onProgress({ pages, sourceRows: rows.length });
    if (!paging || page.next === null) return { rows, pages, sourceRows: rows.length };
    after = page.next;
  }
}
