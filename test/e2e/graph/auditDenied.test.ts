import { auditExport, graphql, tokenFor } from '@civic/testkit';
import { eachBackend } from '../support/platforms';

/** A bound on the audit outbox's shipping (every second by default), not an expectation. */
const SHIPPED_WITHIN_MS = 30_000;
const cityDay = (at: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(at));

async function eventually<T>(check: () => Promise<T | undefined>): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() - started > SHIPPED_WITHIN_MS) throw new Error(`not within ${SHIPPED_WITHIN_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * A refused read of a classified field is in the owner's audit trail as `deny`: the shield records it
 * as reads are recorded, and it reaches the trail through the same outbox, searchable by decision and
 * purpose, counted per day, and exported.
 */
describe.each(eachBackend())('denied attempts in the audit trail (%s)', (backend, platform) => {
  const subject = `fire-denied-${backend}-${Date.now()}`;
  const asPoliceOfficer = async (query: string, variables: Record<string, unknown> = {}) => graphql(platform.gatewayUrl, query, variables, { token: await tokenFor('police', { role: 'data-officer' }) });

  it("shows a fire officer's refused idNumber read to the police data officer as deny, by decision and purpose, per day, and in the export", async () => {
    const read = await graphql(platform.gatewayUrl, '{ residents(first: 1) { edges { node { id idNumber } } } }', {}, { token: await tokenFor('fire', { subject }), purpose: 'emergency-response' });
    expect(read.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const residentId = read.data!.residents.edges[0].node.id as string;

    const filter = { subject, decision: 'deny', purpose: 'emergency-response' };
    const records = await eventually(async () => {
      const { data } = await asPoliceOfficer('query($f: AuditFilter) { auditRecords(filter: $f) { totalCount edges { node { at department purpose typeName fieldName recordId decision } } } }', { f: filter });
      // The page and totalCount are two statements: a record shipped between them is counted but not listed, so wait for it on the page.
      return data!.auditRecords.edges.length > 0 ? data!.auditRecords : undefined;
    });
    expect(records.totalCount).toBe(1);
    const denied = records.edges[0].node;
    expect(denied).toMatchObject({ department: 'fire', purpose: 'emergency-response', typeName: 'Resident', fieldName: 'idNumber', recordId: residentId, decision: 'deny' });

    const perDay = await asPoliceOfficer('query($f: AuditFilter) { auditReadsPerDay(filter: $f, days: 2) { day department reads denied } }', { f: { subject } });
    expect(perDay.data!.auditReadsPerDay).toEqual([{ day: cityDay(denied.at), department: 'fire', reads: 0, denied: 1 }]);

    const csv = await (await auditExport(platform.gatewayUrl, await tokenFor('police', { role: 'data-officer' }), filter)).text();
    expect(csv.trim().split('\r\n')).toEqual([expect.stringMatching(/^at,/), expect.stringContaining(`,Resident,idNumber,${residentId},`)]);
    expect(csv).toContain(',deny,');
  });

  it('refuses a decision that is not allow, mask or deny, and a chart range over a year, naming the argument', async () => {
    const decision = await asPoliceOfficer('{ auditRecords(filter: { decision: "refused" }) { totalCount } }');
    expect(decision.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.decision' });
    const days = await asPoliceOfficer('{ auditReadsPerDay(days: 400) { day } }');
    expect(days.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'days' });
    const zone = await asPoliceOfficer('{ auditReadsPerDay(timeZone: "Mars/Olympus") { day } }');
    expect(zone.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'timeZone' });
  });
});
