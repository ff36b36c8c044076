import { ErrorCode, sendError, type ExtraRoute, type Logger } from '@civic/runtime';
import type { Answer } from '@civic/reports';
import { GraphQLError } from 'graphql';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import type { GatewayContext } from '../context.js';
import type { ReportLimits } from '../limits/settings.js';
import { PURPOSE_HEADER } from '../purposes.js';
import { reportCsv, reportResult, reportWorkbook } from './reportOutput.js';
import { runReport, type PageFetcher, type RunProgress } from './runReport.js';
import { loadSavedReport } from './savedReport.js';

export const REPORTS_PATH = '/reports';
const RUN_PATH = /^\/reports\/([^/]+)\/run\.(csv|xlsx|json|ndjson)$/;
type Format = 'csv' | 'xlsx' | 'json' | 'ndjson';

const CONTENT_TYPES: Record<Format, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

export interface ReportRouteOptions {
  accessUrl: string;
  /** The checks /graphql makes (token, purpose, rate limits): a run is refused before it starts as a query would be. */
  authenticate: (req: IncomingMessage) => Promise<GatewayContext>;
  /** The gateway's own /graphql, known once it listens: every page goes through it, under every rule a client's request meets. */
  graphqlUrl: () => string;
  limits: ReportLimits;
  answerTimeoutMs: number;
  logger: Logger;
}

const badRequest = (message: string, status = 400, field?: string) => new GraphQLError(message, { extensions: { code: ErrorCode.BadUserInput, ...(field ? { field } : {}), http: { status } } });

function overridesOf(req: IncomingMessage): Record<string, unknown> {
  const text = new URL(req.url ?? '/', 'http://gateway').searchParams.get('variables');
  if (!text) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw badRequest(`variables: not JSON (${(error as Error).message})`, 400, 'variables');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw badRequest('variables: a JSON object of variable values', 400, 'variables');
  return value as Record<string, unknown>;
}

/**
 * One page through the gateway's own /graphql with the runner's own headers: the runner's token, purpose
 * and rate budget, the trusted-operation and cost checks, the audit records: nothing is the report's.
 * A rate refusal is waited out (its Retry-After) within the run's deadline, as a well-behaved client would.
 */
function pageFetcher(req: IncomingMessage, graphqlUrl: string, signal: AbortSignal): PageFetcher {
  const purpose = req.headers[PURPOSE_HEADER];
  const headers = { authorization: req.headers.authorization ?? '', 'content-type': 'application/json', ...(typeof purpose === 'string' ? { [PURPOSE_HEADER]: purpose } : {}) };
  return async (body) => {
    for (;;) {
      const response = await request(graphqlUrl, { method: 'POST', headers, body: JSON.stringify(body), signal });
      const answer = (await response.body.json()) as Answer;
      if (response.statusCode !== 429) return answer;
      await sleep(Number(response.headers['retry-after'] ?? 1) * 1000, undefined, { signal });
    }
  };
}

function writeNdjson(res: ServerResponse, line: unknown): void {
  res.write(`${JSON.stringify(line)}\n`);
}

async function sendReport(res: ServerResponse, format: Exclude<Format, 'ndjson'>, name: string, id: string, build: ReturnType<typeof reportResult>, suppressBelow: number): Promise<void> {
  const body = format === 'json' ? JSON.stringify(build.result) : format === 'csv' ? reportCsv(build.table, suppressBelow) : await reportWorkbook(build.result, build.table, suppressBelow);
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[format],
    'content-disposition': `attachment; filename="report-${id}.${format}"; filename*=UTF-8''${encodeURIComponent(name)}.${format}`,
    'cache-control': 'no-store',
  });
  res.end(body);
}

/**
 * GET /reports/{id}/run.csv, .xlsx, .json: runs a saved report as the caller and answers the file once every
 * page is read. GET /reports/{id}/run.ndjson answers at once and streams progress lines ({"progress":
 * {pages, sourceRows}}) then {"result": ...} or {"error": ...}: for screens that show a long run's progress.
 */
export function reportRunRoute(options: ReportRouteOptions): ExtraRoute {
  return async (req, res) => {
    const match = RUN_PATH.exec((req.url ?? '/').split('?')[0]!);
    const left = new AbortController();
    res.once('close', () => left.abort());
    const deadline = AbortSignal.timeout(options.limits.timeoutMs);
    const signal = AbortSignal.any([left.signal, deadline]);
    let streaming = false;
    try {
      if (!match) throw new GraphQLError('A report is run at GET /reports/{id}/run.csv, .xlsx, .json or .ndjson', { extensions: { code: ErrorCode.NotFound } });
      if (req.method !== 'GET') throw new GraphQLError('A report is run with GET', { extensions: { code: ErrorCode.BadUserInput, http: { status: 405, headers: new Map([['allow', 'GET']]) } } });
      const [, id, format] = match as unknown as [string, string, Format];
      const context = await options.authenticate(req);
      const overrides = overridesOf(req);
      const report = await loadSavedReport(options.accessUrl, context.subgraphAuthorization, decodeURIComponent(id), options.answerTimeoutMs, signal);
      if (format === 'ndjson') {
        streaming = true;
        res.writeHead(200, { 'content-type': CONTENT_TYPES.ndjson, 'cache-control': 'no-store' });
      }
      const started = Date.now();
      const run = await runReport(report, {
        overrides,
        maxRows: options.limits.maxRows,
        fetchPage: pageFetcher(req, options.graphqlUrl(), signal),
        onProgress: (progress: RunProgress) => streaming && writeNdjson(res, { progress }),
        now: new Date(),
      });
      const build = reportResult(report, run, { department: context.identity.department, subject: context.identity.subject }, new Date());
      options.logger.info({ report: report.id, format, pages: run.pages, sourceRows: run.sourceRows, ms: Date.now() - started }, 'report run');
      if (format === 'ndjson') {
        writeNdjson(res, { result: build.result });
        res.end();
      } else {
        await sendReport(res, format, report.name, report.id, build, report.suppressBelow);
      }
    } catch (caught) {
      if (left.signal.aborted) return;
      const error = deadline.aborted
        ? new GraphQLError(`The report did not finish within ${options.limits.timeoutMs} ms (REPORT_TIMEOUT_MS); narrow it with its variables`, { extensions: { code: ErrorCode.RequestTimeout, http: { status: 504 } } })
        : caught;
      if (!(error instanceof GraphQLError)) throw error;
      if (!streaming) return sendError(res, error);
      writeNdjson(res, { error: { message: error.message, extensions: { code: error.extensions.code } } });
      res.end();
    }
  };
}
