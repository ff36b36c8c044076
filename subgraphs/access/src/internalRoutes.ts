import type { IncomingMessage, ServerResponse } from 'node:http';
import { type AuditOutboxEntry, type AuditReadGroup, type PolicySnapshot } from '@civic/governance';
import { readBody, sendJson, verifyServiceToken, type EntityManager, type ExtraRoute, type Logger, type Orm, type PublicKeys } from '@civic/runtime';
import type { SubgraphConfig, SubgraphKeys } from '@civic/subgraph-kit';
import { AuditRecord } from './audit/AuditRecord.js';
import { AuditPartitions } from './audit/partitions.js';
import { AUDIT_EXPORT_PATH } from './audit/AuditResolver.js';
import { auditExportRoute } from './audit/exportRoute.js';
import { CATALOGUE_CSV_PATH, CATALOGUE_JSON_PATH, catalogueExportRoute } from './catalogue/exportRoute.js';
import { latestPolicyVersion } from './policies/publish.js';
import { SnapshotCache } from './policies/snapshotCache.js';
import { AccessGrant, toEnforcedGrant } from './sharing/AccessGrant.js';

const MAX_AUDIT_BODY = 64 * 1024 * 1024;
const INSERT_CHUNK = 1000;

/** What a subgraph ships per request: its outbox row, without the subgraph's name (the token says who it is). */
type AuditedRequest = Pick<AuditOutboxEntry, 'subject' | 'department' | 'roles' | 'purpose' | 'reads'> & { at: string };

/**
 * The trail keeps one record per read, so that it can be searched by resident, field or department. The
 * subgraph that served the reads is the verified caller, whatever the body says; only the known columns
 * are taken from the body.
 */
function auditRecordsOf({ subject, department, roles, purpose, reads, at }: AuditedRequest, caller: string): Omit<AuditRecord, 'id'>[] {
  const groups = JSON.parse(reads) as AuditReadGroup[];
  return groups.flatMap(({ field, decision, grantId, records }) => {
    const [typeName, fieldName] = field.split('.') as [string, string];
    return records.map(([recordId, recordGridCode]) => ({ subject, department, roles, purpose, subgraph: caller, at: new Date(at), typeName, fieldName, recordId, recordGridCode, decision, grantId }));
  });
}

/** The calling service, from its verified service credential; null (after answering 401) when there is none. */
async function callerOf(callers: PublicKeys, req: IncomingMessage, res: ServerResponse): Promise<string | null> {
  const caller = await verifyServiceToken(callers, req.headers.authorization);
  if (!caller) sendJson(res, 401, { error: "a token signed with a calling service's own key is required" });
  return caller;
}

async function snapshot(orm: Orm): Promise<PolicySnapshot | null> {
  const em = orm.em.fork() as EntityManager;
  const current = await latestPolicyVersion(em);
  if (!current) return null;
  const grants = await em.find(AccessGrant, { revokedAt: null, validUntil: { $gt: new Date() } }, { orderBy: { id: 'asc' } });
  return { version: current.version, document: current.document, grants: grants.map(toEnforcedGrant) };
}

/**
 * Service-to-service endpoints (subgraphs follow the policy here and ship their audit records here), and
 * the audit export the gateway streams to data officers.
 */
export function internalRoutes(orm: Orm, logger: Logger, config: SubgraphConfig, keys: SubgraphKeys): Record<string, ExtraRoute> {
  const callers = keys.serviceCallers!;
  const partitions = new AuditPartitions(config.governance.AUDIT_RETENTION_DAYS, logger);
  const snapshots = new SnapshotCache(() => snapshot(orm));
  orm.em.getEventManager().registerSubscriber(snapshots);
  return {
    [AUDIT_EXPORT_PATH]: auditExportRoute({ orm, gatewayTokens: keys.gatewayTokens, logger }),
    [CATALOGUE_CSV_PATH]: catalogueExportRoute(orm, keys.gatewayTokens, 'csv'),
    [CATALOGUE_JSON_PATH]: catalogueExportRoute(orm, keys.gatewayTokens, 'json'),
    '/internal/policy-snapshot': async (req, res) => {
      if (!(await callerOf(callers, req, res))) return;
      const { body, etag } = await snapshots.current();
      if (!body) return sendJson(res, 503, { error: 'no policy published yet' });
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag });
        res.end();
        return;
      }
      res.setHeader('etag', etag);
      sendJson(res, 200, body);
    },
    '/internal/audit': async (req, res) => {
      const caller = await callerOf(callers, req, res);
      if (!caller) return;
      if (req.method !== 'POST') return sendJson(res, 405, { error: 'POST audit records' });
      const { requests } = JSON.parse(await readBody(req, MAX_AUDIT_BODY)) as { requests: AuditedRequest[] };
      const received = requests.flatMap((request) => auditRecordsOf(request, caller));
      const rows = partitions.retained(received, new Date());
      if (rows.length < received.length) logger.warn({ caller, records: received.length - rows.length, retentionDays: config.governance.AUDIT_RETENTION_DAYS }, 'audit records older than the retention received; not kept');
      await partitions.prepareFor(orm.em.fork(), rows.map((row) => row.at));
      await orm.em.fork().transactional(async (em) => {
        for (let i = 0; i < rows.length; i += INSERT_CHUNK) await em.insertMany(AuditRecord, rows.slice(i, i + INSERT_CHUNK));
      });
      logger.debug({ caller, requests: requests.length, records: rows.length }, 'audit records received');
      sendJson(res, 200, { accepted: rows.length });
    },
  };
}
