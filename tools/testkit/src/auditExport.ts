import { get, type ClientRequest, type IncomingMessage } from 'node:http';
import { loadServiceCredential, signServiceToken } from '@civic/runtime';
import type { SubgraphName } from '@civic/launcher';
import { TEST_KEYS_DIR } from './testing.js';

/** Anything that runs SQL with parameters: a pg Client or Pool, or a fault platform's `sql`. */
export type SqlRunner = (query: string, params?: unknown[]) => Promise<unknown>;

/**
 * Seeds `count` audit records straight into the access service's database (one INSERT ... SELECT), in
 * three kinds that take turns by id, so that who may see what is known:
 * - n % 3 = 0: police read Resident.phone on population;
 * - n % 3 = 1: civil read Resident.idNumber on population (police see it: they own population);
 * - n % 3 = 2: fire read Building.address on buildings (police do not see it).
 * Each record's recordId is `r<n>`, so an export's order can be checked against the ids. Every record
 * states a purpose of 500 characters (the longest the gateway passes on), some with a comma and quotes:
 * about 650 bytes of CSV a record, so that an unread export of 100,000 records is far larger than what
 * the TCP buffers between the services and the client hold (loopback buffers grow to tens of MB).
 */
export async function seedAuditRecords(sql: SqlRunner, count: number): Promise<void> {
  await sql(
    `insert into audit_record (at, subject, department, roles, purpose, type_name, field_name, record_id, record_grid_code, decision, grant_id, subgraph)
     select now() - interval '1 day' + n * interval '1 millisecond',
            'seeded-' || (n % 50),
            (array['police', 'civil', 'fire'])[n % 3 + 1],
            'officer',
            rpad(case when n % 7 = 0 then 'case, "quoted" ' else 'case ' end || n, 500, ' and the reason for it'),
            (array['Resident', 'Resident', 'Building'])[n % 3 + 1],
            (array['phone', 'idNumber', 'address'])[n % 3 + 1],
            'r' || n,
            '330101001001001',
            'allow',
            null,
            (array['population', 'population', 'buildings'])[n % 3 + 1]
     from generate_series(1, $1::int) as n`,
    [count],
  );
}

/** A service's own token, as a subgraph signs its calls to the access service. */
export async function serviceTokenFor(service: SubgraphName | 'gateway'): Promise<string> {
  return signServiceToken(await loadServiceCredential(service, undefined, TEST_KEYS_DIR));
}

/** One sample of a Prometheus metric without labels from a service's /metrics; undefined when absent. */
export async function metricValue(serviceUrl: string, name: string): Promise<number | undefined> {
  const text = await (await fetch(new URL('/metrics', serviceUrl))).text();
  const match = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  return match ? Number(match[1]) : undefined;
}

function exportUrl(gatewayUrl: string, filter: Record<string, string>): URL {
  const url = new URL('/exports/audit.csv', gatewayUrl);
  for (const [name, value] of Object.entries(filter)) url.searchParams.set(name, value);
  return url;
}

/** The gateway's streamed audit export, with a user's token and the filter as query parameters, read with fetch. */
export function auditExport(gatewayUrl: string, token: string | undefined, filter: Record<string, string> = {}): Promise<Response> {
  return fetch(exportUrl(gatewayUrl, filter), { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

export interface HeldExport {
  request: ClientRequest;
  /** Paused: nothing is read until `readAll` (or `response.resume()`). */
  response: IncomingMessage;
  /** Reads the rest of the body (resuming it) as text. */
  readAll: () => Promise<string>;
}

/**
 * Opens the export and reads nothing: node:http's client stops reading its socket once 16 KiB wait
 * unread, so the transfer stops at what the TCP buffers hold. (fetch would keep reading into memory.)
 */
export function holdAuditExport(gatewayUrl: string, token: string, filter: Record<string, string> = {}): Promise<HeldExport> {
  return new Promise((resolve, reject) => {
    const request = get(exportUrl(gatewayUrl, filter), { headers: { authorization: `Bearer ${token}` } }, (response) => {
      response.pause();
      const readAll = async () => {
        const chunks: Buffer[] = [];
        for await (const chunk of response) chunks.push(chunk as Buffer);
        if (!response.complete) throw new Error('the export was cut before its end');
        return Buffer.concat(chunks).toString('utf8');
      };
      resolve({ request, response, readAll });
    });
    request.once('error', reject);
  });
}
