import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode, metricsRegistry, sendError, verifyAuthorization, type EntityManager, type ExtraRoute, type Identity, type Logger, type Orm, type TokenVerifier } from '@civic/runtime';
import { GraphQLError } from 'graphql';
import { Counter, Gauge } from 'prom-client';
import { requireDataOfficer } from '../governanceContext.js';
import { auditBatches } from './auditBatches.js';
import { auditFilterFromQuery, auditWhere, type AuditFilter } from './auditFilter.js';
import { CSV_HEADER_LINE, csvLines } from './csv.js';

const exportsInFlight = new Gauge({
  name: 'civic_audit_exports_in_flight',
  help: 'Streamed audit exports being written (a client reading slowly holds one open)',
  registers: [metricsRegistry],
});
const exportedRows = new Counter({
  name: 'civic_audit_export_rows_total',
  help: 'Audit records written by streamed exports',
  registers: [metricsRegistry],
});

/**
 * Writes a chunk and, when the socket's buffer is full, waits until it drains: the export reads its
 * next batch only once the client has taken this one, so memory stays bounded whatever the size.
 * False when the client has gone away.
 */
function written(res: ServerResponse, chunk: string): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false);
  if (res.write(chunk)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const settle = (ok: boolean) => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    };
    const onDrain = () => settle(true);
    const onClose = () => settle(false);
    res.once('drain', onDrain);
    res.once('close', onClose);
  });
}

interface ExportRequest {
  identity: Identity;
  filter: AuditFilter;
}

/** Who asks and for what, checked before anything is written; throws the error the caller gets. */
async function exportRequestOf(req: IncomingMessage, gatewayTokens: TokenVerifier): Promise<ExportRequest> {
  if (req.method !== 'GET') {
    throw new GraphQLError('The audit export is read with GET', { extensions: { code: ErrorCode.BadUserInput, http: { status: 405, headers: new Map([['allow', 'GET']]) } } });
  }
  const identity = await verifyAuthorization(gatewayTokens, req.headers.authorization, undefined);
  requireDataOfficer({ identity });
  return { identity, filter: auditFilterFromQuery(new URL(req.url ?? '/', 'http://access').searchParams) };
}

/** The records as CSV, a batch at a time; stops when the client goes away. Returns the rows written. */
async function streamCsv(em: EntityManager, request: ExportRequest, res: ServerResponse): Promise<number> {
  const where = await auditWhere(em, request.identity, request.filter);
  res.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8; header=present',
    'content-disposition': `attachment; filename="audit-${request.identity.department}-${new Date().toISOString().slice(0, 10)}.csv"`,
    'cache-control': 'no-store',
  });
  let rows = 0;
  if (!(await written(res, CSV_HEADER_LINE))) return rows;
  for await (const batch of auditBatches(em, where)) {
    rows += batch.length;
    exportedRows.inc(batch.length);
    if (!(await written(res, csvLines(batch)))) return rows;
  }
  res.end();
  return rows;
}

export interface AuditExportOptions {
  orm: Orm;
  /** Only identities the gateway issued, as on /graphql: a caller who skips the gateway is refused. */
  gatewayTokens: TokenVerifier;
  logger: Logger;
}

/**
 * GET /exports/audit.csv: the audit trail the caller may see (the same records and filter as
 * `auditRecords`) as CSV (RFC 4180), streamed with backpressure. A refused request (no or bad token,
 * not a data officer, a bad filter) gets a JSON error and nothing streamed. A failure mid-stream cuts
 * the connection without the chunked terminator, so a client never takes a partial file for a whole one.
 */
export function auditExportRoute(options: AuditExportOptions): ExtraRoute {
  return async (req, res) => {
    let request: ExportRequest;
    try {
      request = await exportRequestOf(req, options.gatewayTokens);
    } catch (error) {
      if (error instanceof GraphQLError) return sendError(res, error);
      throw error;
    }
    // No signal on the statements: a departed client stops the export between batches (`written`), and a
    // batch is small; cancelling on PostgreSQL would race with the pooled connection's next statement.
    const em = options.orm.em.fork({ useContext: false }) as EntityManager;
    let clientLeft = false;
    res.once('close', () => (clientLeft = !res.writableFinished));
    exportsInFlight.inc();
    try {
      const rows = await streamCsv(em, request, res);
      options.logger.info({ subject: request.identity.subject, department: request.identity.department, rows, complete: res.writableFinished }, 'audit export');
    } catch (error) {
      if (!clientLeft) options.logger.error({ err: error }, 'audit export failed mid-stream');
      res.destroy();
    } finally {
      exportsInFlight.dec();
    }
  };
}
