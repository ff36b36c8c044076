import { saveAsDownload } from '../exportDownload';

/** What GET /reports/{id}/run.json answers (gateway/src/reports/reportOutput.ts), and the last line of run.ndjson. */
export interface ReportResult {
  report: { id: string; name: string };
  ranAt: string;
  ranBy: { department: string; subject: string };
  columns: { key: string; label: string }[];
  /** A refused or withheld cell is null. */
  rows: Record<string, unknown>[];
  pages: number;
  sourceRows: number;
  undecidedRows: number;
  refused: { column: string; cells: number; code: string }[];
  suppressedCells: number;
  protection: 'EXACT' | 'SUPPRESSED_AND_ROUNDED';
  suppressBelow: number | null;
}

export interface RunProgress {
  pages: number;
  sourceRows: number;
}

export type ReportFormat = 'csv' | 'xlsx' | 'json';

const MEDIA_TYPES: Record<ReportFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
};

/** A run the gateway refused or that failed, with the gateway's code (NOT_FOUND, BAD_USER_INPUT, REPORT_TOO_LARGE...). */
export class ReportRunError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/**
 * The variables override as typed: blank is none (the saved values); otherwise a JSON object, checked
 * here so that a typo is named before anything is sent. Answers the text to send, or the problem.
 */
export function checkedVariables(text: string): { ok: true; value: string | undefined } | { ok: false; problem: string } {
  if (!text.trim()) return { ok: true, value: undefined };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: (error as Error).message };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, problem: 'not a JSON object, e.g. {"place": "CITY-01-02-03"}' };
  return { ok: true, value: JSON.stringify(value) };
}

const runUrl = (id: string, format: ReportFormat | 'ndjson', variables: string | undefined) =>
  `/reports/${encodeURIComponent(id)}/run.${format}${variables ? `?variables=${encodeURIComponent(variables)}` : ''}`;

/** The user's token, and the purpose they state (x-access-purpose): a grant that needs one holds only with it. */
const authorized = (token: string, purpose: string | undefined): Record<string, string> => ({ authorization: `Bearer ${token}`, ...(purpose ? { 'x-access-purpose': purpose } : {}) });

/** The refusal the gateway answered before a run started (JSON errors), as one error with its code. */
async function refusalOf(response: Response): Promise<ReportRunError> {
  const body = (await response.json().catch(() => undefined)) as { errors?: { message: string; extensions?: { code?: string } }[] } | undefined;
  const first = body?.errors?.[0];
  const message = body?.errors?.map((e) => e.message).join('; ') ?? `HTTP ${response.status}`;
  return new ReportRunError(first?.extensions?.code ?? `HTTP_${response.status}`, message, response.status);
}

type Line = { progress: RunProgress } | { result: ReportResult } | { error: { message: string; extensions?: { code?: string } } };

/**
 * Runs the report as the signed-in user through GET /reports/{id}/run.ndjson: progress lines as the pages
 * are read, then the result or an error line. The signal cancels the run (the gateway stops when the
 * request is gone).
 */
export async function runReportStream(token: string, purpose: string | undefined, id: string, variables: string | undefined, signal: AbortSignal, onProgress: (progress: RunProgress) => void): Promise<ReportResult> {
  const response = await fetch(runUrl(id, 'ndjson', variables), { headers: authorized(token, purpose), signal });
  if (!response.ok || !response.body) throw await refusalOf(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  const handle = (text: string): ReportResult | undefined => {
    if (!text.trim()) return undefined;
    const line = JSON.parse(text) as Line;
    if ('progress' in line) onProgress(line.progress);
    else if ('error' in line) throw new ReportRunError(line.error.extensions?.code ?? 'ERROR', line.error.message);
    else if ('result' in line) return line.result;
    return undefined;
  };
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    buffered += next.value;
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const result = handle(buffered.slice(0, newline));
      buffered = buffered.slice(newline + 1);
      if (result) {
        await reader.cancel().catch(() => undefined);
        return result;
      }
    }
  }
  const result = handle(buffered);
  if (result) return result;
  throw new ReportRunError('INCOMPLETE', 'The run ended without a result: the connection was closed');
}

/** The name the gateway gave the file, else a plain one. */
const filenameOf = (response: Response, id: string, format: ReportFormat) => /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `report-${id}.${format}`;

/** GET /reports/{id}/run.csv, .xlsx or .json with the user's token, saved as a download as the catalogue's exports are. */
export async function downloadReport(token: string, purpose: string | undefined, id: string, format: ReportFormat, variables: string | undefined): Promise<void> {
  const response = await fetch(runUrl(id, format, variables), { headers: authorized(token, purpose) });
  if (!response.ok) throw await refusalOf(response);
  saveAsDownload([await response.blob()], MEDIA_TYPES[format], filenameOf(response, id, format));
}
