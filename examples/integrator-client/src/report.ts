import { writeFile } from 'node:fs/promises';
import type { Config } from './config.js';
import { networkFailure, RequestFailed, reportedInBody } from './failure.js';

export const REPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportOptions {
  id: string;
  format: ReportFormat;
  /** Where csv or xlsx bytes (or the whole json answer) go; json rows and csv go to stdout without it. */
  out?: string;
  /** Overrides some of the report's saved variables for this run. */
  variables?: Record<string, unknown>;
}

/** The body of `GET /reports/{id}/run.json`. */
interface ReportRun {
  report: { id: string; name: string };
  ranAt: string;
  columns: { key: string; label: string }[];
  rows: Record<string, unknown>[];
  pages: number;
  sourceRows: number;
  /** Cells the caller may not read, per column: left empty in the rows, never a reason to fail. */
  refused: { column: string; cells: number; code: string }[];
  /** SUPPRESSED_AND_ROUNDED: counts of special groups under suppressBelow are withheld, the rest rounded. */
  protection: 'EXACT' | 'SUPPRESSED_AND_ROUNDED';
  suppressBelow: number | null;
}

/**
 * Runs a saved report. Reports are plain HTTP on the gateway's origin, not GraphQL:
 * `GET /reports/{id}/run.{json|csv|xlsx}[?variables=<JSON object>]`, with the same headers as GraphQL.
 * The gateway runs the report's query as the caller, so the same sharing rules apply to every cell.
 */
export async function runReport(config: Config, options: ReportOptions, stdout = process.stdout, stderr = process.stderr): Promise<void> {
  const url = new URL(`/reports/${encodeURIComponent(options.id)}/run.${options.format}`, config.graphqlUrl);
  if (options.variables) url.searchParams.set('variables', JSON.stringify(options.variables));
  let response: Response;
  let body: Buffer;
  try {
    response = await fetch(url, { headers: config.headers });
    body = Buffer.from(await response.arrayBuffer());
  } catch (error) {
    throw networkFailure(error);
  }
  if (!response.ok) {
    const reported = reportedInBody(parseJson(body));
    throw new RequestFailed(reported.length ? reported : [{ code: `HTTP_${response.status}`, message: response.statusText || 'no message' }]);
  }

  if (options.format !== 'json') {
    if (options.out) await writeFile(options.out, body);
    else stdout.write(body);
    stderr.write(`report ${options.id}: ${body.length} bytes of ${options.format}${options.out ? ` written to ${options.out}` : ''}\n`);
    return;
  }
  const run = parseJson(body) as ReportRun;
  if (options.out) await writeFile(options.out, body);
  else for (const row of run.rows) stdout.write(JSON.stringify(row) + '\n');
  const refused = run.refused.map((r) => `${r.cells} cells of ${r.column} ${r.code}`);
  const protection = run.protection === 'EXACT' ? 'exact counts' : `counts under ${run.suppressBelow} withheld, others rounded`;
  stderr.write(
    `report "${run.report.name}" (${run.report.id}) ran at ${run.ranAt}: ${run.rows.length} rows from ${run.sourceRows} source rows (${run.pages} pages); ` +
      `columns ${run.columns.map((c) => c.key).join(', ')}; ${protection}; refused: ${refused.length ? refused.join('; ') : 'none'}${options.out ? `; written to ${options.out}` : ''}\n`,
  );
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}
