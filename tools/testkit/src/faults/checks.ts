import { createHash } from 'node:crypto';
import { SUBGRAPH_NAMES } from '@civic/launcher';
import type { Outcome } from './load.js';
import type { FaultPlatform } from './platform.js';

/**
 * What must hold after any fault, checked in the databases themselves: every acknowledged write is
 * stored, and the access service's audit trail records exactly the classified values the answers
 * handed out.
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until no subgraph holds audit records it has not shipped to the access service. */
export async function waitForShippedAudit(platform: FaultPlatform, withinMs: number): Promise<void> {
  const until = Date.now() + withinMs;
  let waiting: string[] = [];
  while (Date.now() < until) {
    waiting = [];
    for (const subgraph of SUBGRAPH_NAMES) {
      // Two statements: PostgreSQL resolves every table a statement names before running it, so a
      // subgraph without an outbox (the access service) cannot be asked in one.
      const [outbox] = await platform.sql<{ exists: boolean }>(subgraph, `select to_regclass('audit_outbox') is not null as exists`);
      if (!outbox?.exists) continue;
      const [row] = await platform.sql<{ rows: number }>(subgraph, 'select count(*)::int as rows from audit_outbox');
      if (row?.rows) waiting.push(`${subgraph}: ${row.rows}`);
    }
    if (waiting.length === 0) return;
    await sleep(250);
  }
  throw new Error(`audit outbox rows still unshipped after ${withinMs} ms: ${waiting.join(', ')}`);
}

/** The incidents an answer acknowledged that the incidents database does not hold. */
export async function lostReports(platform: FaultPlatform, outcomes: readonly Outcome[]): Promise<string[]> {
  const acknowledged = outcomes.flatMap((o) => (o.acknowledged ? [o.acknowledged] : []));
  const rows = await platform.sql<{ id: string }>('incidents', 'select id::text as id from incident where id::text = any($1)', [acknowledged]);
  const stored = new Set(rows.map((row) => row.id));
  return acknowledged.filter((id) => !stored.has(id));
}

export interface AuditComparison {
  /** Deep-query requests whose answer handed out classified values. */
  answered: number;
  /** Of those, requests whose records are exactly the values handed out. */
  matched: number;
  /** Values handed out without a record: must never happen. */
  unaudited: { subject: string; reads: string[] }[];
  /**
   * Records of values a whole answer (no error) did not hand out: must never happen. (A request that
   * failed part-way may leave records of what a subgraph served and the gateway then dropped.)
   */
  unexplained: { subject: string; records: string[] }[];
  /** Records of values served to the gateway but never delivered, in answers with errors or no answer. */
  undelivered: number;
}

const digestOf = (keys: readonly string[]) => createHash('md5').update(keys.join(',')).digest('hex');
const RECORD_KEY = `(type_name || '.' || field_name || ':' || record_id) collate "C"`;

/** Compares each deep-query request's answered classified values with its subject's records in the audit trail. */
export async function compareAudit(platform: FaultPlatform, outcomes: readonly Outcome[]): Promise<AuditComparison> {
  const deep = outcomes.filter((o) => o.kind === 'deep');
  const digests = new Map(
    (
      await platform.sql<{ subject: string; digest: string }>(
        'access',
        `select subject, md5(string_agg(distinct ${RECORD_KEY}, ',' order by ${RECORD_KEY})) as digest
           from audit_record where subject = any($1) group by subject`,
        [deep.map((o) => o.subject)],
      )
    ).map((row) => [row.subject, row.digest]),
  );
  const comparison: AuditComparison = { answered: 0, matched: 0, unaudited: [], unexplained: [], undelivered: 0 };
  for (const outcome of deep) {
    const reads = outcome.reads ?? [];
    if (reads.length) comparison.answered++;
    const recorded = digests.get(outcome.subject);
    if (recorded === undefined && reads.length === 0) continue;
    if (recorded === digestOf(reads)) {
      comparison.matched++;
      continue;
    }
    const records = new Set(
      (await platform.sql<{ key: string }>('access', `select distinct ${RECORD_KEY} as key from audit_record where subject = $1`, [outcome.subject])).map((r) => r.key),
    );
    const missing = reads.filter((read) => !records.has(read));
    const extra = [...records].filter((record) => !reads.includes(record));
    if (missing.length) comparison.unaudited.push({ subject: outcome.subject, reads: missing });
    if (extra.length && outcome.errors.length === 0 && outcome.status === 200) comparison.unexplained.push({ subject: outcome.subject, records: extra });
    else comparison.undelivered += extra.length;
  }
  return comparison;
}
