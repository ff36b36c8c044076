import pg from 'pg';
import { auditExport, databaseUrl, graphql, holdAuditExport, metricValue, postgresReachable, seedAuditRecords, serviceTokenFor, startTestPlatform, tokenFor, type TestPlatform } from '@civic/testkit';

/**
 * The streamed audit export, on a platform of its own on the shared PostgreSQL server (fresh databases,
 * dropped afterwards), with 100,000 audit records inserted straight into the access service's database.
 * An export held unread stays where backpressure stopped it, and meanwhile the access service keeps
 * serving the policy snapshot and the gateway its readiness; read, it is exactly the caller's records.
 */
const PLATFORM_START_MS = 20 * 60_000;
const RECORDS = 100_000;
const HEADER = 'at,subject,department,roles,purpose,typeName,fieldName,recordId,recordGridCode,decision,grantId,subgraph';
/** Ceilings, not expectations. */
const SETTLE_WITHIN_MS = 120_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually<T>(check: () => Promise<T | undefined>, what: string): Promise<T> {
  const started = Date.now();
  while (Date.now() - started < SETTLE_WITHIN_MS) {
    const value = await check();
    if (value !== undefined) return value;
    await sleep(200);
  }
  throw new Error(`${what}: not within ${SETTLE_WITHIN_MS} ms`);
}

/** The recordIds of a CSV export, in order; the header is checked on the way. */
function recordIdsOf(csv: string): string[] {
  expect(csv.endsWith('\r\n')).toBe(true);
  const [header, ...rows] = csv.slice(0, -2).split('\r\n');
  expect(header).toBe(HEADER);
  // The purpose column may hold a quoted comma; recordId is the 8th column counted from the end's side.
  return rows.map((row) => row.split(',').at(-5)!);
}

const describeOnPostgres = (await postgresReachable()) ? describe : describe.skip;

describeOnPostgres('streamed audit export', () => {
  let platform: TestPlatform;
  let access: pg.Client;
  let officer: string;

  /** What a police data officer may see, by the rule stated independently here: police's reads, and reads on population (which police owns). */
  const policeRecordIds = async (extra = 'true') =>
    (await access.query<{ record_id: string }>(`select record_id from audit_record where (department = 'police' or subgraph = 'population') and ${extra} order by id`)).rows.map((r) => r.record_id);

  const accessUrl = () => platform.subgraphs.access.url;
  const exportedRows = async () => (await metricValue(accessUrl(), 'civic_audit_export_rows_total')) ?? 0;
  const exportsInFlight = async () => (await metricValue(accessUrl(), 'civic_audit_exports_in_flight')) ?? 0;

  /** Waits until the access service stops writing rows (three equal readings): where backpressure holds an unread export. */
  async function stalledRowCount(): Promise<number> {
    let readings: number[] = [];
    return eventually(async () => {
      readings = [...readings, await exportedRows()].slice(-3);
      await sleep(300);
      return readings.length === 3 && readings.every((r) => r === readings[0]) ? readings[0] : undefined;
    }, 'the export stalls');
  }

  let afterThis: (() => void)[] = [];
  afterEach(() => {
    for (const cleanUp of afterThis) cleanUp();
    afterThis = [];
  });

  beforeAll(async () => {
    platform = await startTestPlatform({ backend: 'postgresql', root: process.cwd(), residents: 200 });
    access = new pg.Client({ connectionString: databaseUrl(platform.databases.access!) });
    await access.connect();
    await seedAuditRecords((sql, params) => access.query(sql, params), RECORDS);
    officer = await tokenFor('police', { role: 'data-officer' });
  }, PLATFORM_START_MS);
  afterAll(async () => {
    await access?.end();
    await platform?.dispose();
  });

  it('holds an unread export mid-stream while the policy snapshot and readiness answer, then yields the header and every record the caller may see, in id order', async () => {
    const expected = await policeRecordIds();
    expect(expected.length).toBeGreaterThan(60_000);
    const before = await exportedRows();
    const held = await holdAuditExport(platform.gatewayUrl, officer);
    // Whatever fails below, the export does not stay open for the next test.
    afterThis.push(() => held.request.destroy());
    expect(held.response.statusCode).toBe(200);
    expect(held.response.headers['content-type']).toMatch(/^text\/csv/);
    expect(held.response.headers['content-disposition']).toMatch(/^attachment; filename="audit-police-\d{4}-\d{2}-\d{2}\.csv"$/);

    const heldAt = (await stalledRowCount()) - before;
    expect(heldAt).toBeLessThan(expected.length);
    expect(await exportsInFlight()).toBe(1);

    const service = await serviceTokenFor('population');
    const snapshot = await fetch(new URL('/internal/policy-snapshot', accessUrl()), { headers: { authorization: `Bearer ${service}` } });
    expect(snapshot.status).toBe(200);
    expect(((await snapshot.json()) as { version: number }).version).toBeGreaterThanOrEqual(1);
    const unchanged = await fetch(new URL('/internal/policy-snapshot', accessUrl()), { headers: { authorization: `Bearer ${service}`, 'if-none-match': snapshot.headers.get('etag')! } });
    expect(unchanged.status).toBe(304);
    const readiness = await fetch(new URL('/readyz', platform.gatewayUrl));
    expect(readiness.status).toBe(200);
    expect(((await readiness.json()) as { status: string }).status).toBe('ready');
    // Still held: nothing above read the export.
    expect((await exportedRows()) - before).toBeLessThan(expected.length);

    expect(recordIdsOf(await held.readAll())).toEqual(expected);
    await eventually(async () => ((await exportsInFlight()) === 0 ? true : undefined), 'the export ends');
  });

  it('stops the query when the client goes away', async () => {
    const total = (await policeRecordIds()).length;
    const before = await exportedRows();
    await eventually(async () => ((await exportsInFlight()) === 0 ? true : undefined), 'no export in flight');
    const held = await holdAuditExport(platform.gatewayUrl, officer);
    expect(held.response.statusCode).toBe(200);
    await stalledRowCount();
    expect(await exportsInFlight()).toBe(1);
    held.request.destroy();
    await eventually(async () => ((await exportsInFlight()) === 0 ? true : undefined), 'the abandoned export ends');
    expect((await exportedRows()) - before).toBeLessThan(total);
  });

  it('narrows by the filter, and a filter naming records the caller may not see yields none of them', async () => {
    const phone = await auditExport(platform.gatewayUrl, officer, { fieldName: 'phone', from: '2000-01-01T00:00:00Z' });
    const body = await phone.text();
    expect({ status: phone.status, start: body.slice(0, 300) }).toMatchObject({ status: 200 });
    expect(recordIdsOf(body)).toEqual(await policeRecordIds(`field_name = 'phone'`));
    const fires = await auditExport(platform.gatewayUrl, officer, { department: 'fire' });
    expect(fires.status).toBe(200);
    expect(recordIdsOf(await fires.text())).toEqual([]);
  });

  it('refuses, with a JSON error and no CSV: no token (401), a caller who is not a data officer (403), a bad or unknown filter parameter (400 naming it)', async () => {
    const cases: [string | undefined, Record<string, string>, number, string, string | undefined][] = [
      [undefined, {}, 401, 'UNAUTHENTICATED', undefined],
      [await tokenFor('police'), {}, 403, 'FORBIDDEN', undefined],
      [officer, { from: 'yesterday' }, 400, 'BAD_USER_INPUT', 'from'],
      [officer, { departmnet: 'fire' }, 400, 'BAD_USER_INPUT', 'departmnet'],
      [officer, { residentId: '-1' }, 400, 'BAD_USER_INPUT', 'residentId'],
    ];
    for (const [token, filter, status, code, field] of cases) {
      const response = await auditExport(platform.gatewayUrl, token, filter);
      expect({ filter, status: response.status, type: response.headers.get('content-type') }).toEqual({ filter, status, type: 'application/json; charset=utf-8' });
      const { errors } = (await response.json()) as { errors: { message: string; extensions: { code: string; field?: string } }[] };
      expect(errors).toHaveLength(1);
      expect(errors[0]!.extensions.code).toBe(code);
      expect(errors[0]!.extensions.field).toBe(field);
    }
  });

  it('is refused on the access service itself without the gateway-issued identity', async () => {
    const direct = await fetch(new URL('/exports/audit.csv', accessUrl()), { headers: { authorization: `Bearer ${officer}` } });
    expect(direct.status).toBe(401);
    expect(((await direct.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('keeps auditCsv for small exports: at most 10,000 rows, the first ones in id order', async () => {
    const { data } = await graphql(platform.gatewayUrl, '{ auditCsv(limit: 10000) }', {}, { token: officer });
    expect(recordIdsOf(data!.auditCsv as string)).toEqual((await policeRecordIds()).slice(0, 10_000));
    const tooMany = await graphql(platform.gatewayUrl, '{ auditCsv(limit: 10001) }', {}, { token: officer });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('serves a newly published policy version at once, not the cached snapshot', async () => {
    const service = await serviceTokenFor('population');
    const snapshotVersion = async () =>
      ((await (await fetch(new URL('/internal/policy-snapshot', accessUrl()), { headers: { authorization: `Bearer ${service}` } })).json()) as { version: number }).version;
    const before = await snapshotVersion();
    const added = await graphql(
      platform.gatewayUrl,
      'mutation($base: Int!) { addPurpose(input: { code: "export-check", description: "Checks the snapshot cache", reason: "test", baseVersion: $base }) { version } }',
      { base: before },
      { token: officer },
    );
    expect(added.errors).toBeUndefined();
    expect(await snapshotVersion()).toBe(before + 1);
  });
});
