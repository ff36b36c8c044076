import { databaseUrl, graphql, tokenFor } from '@civic/testkit';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { runningPlatforms } from '../support/platforms';

type Department = Parameters<typeof tokenFor>[0];
type TokenOptions = Parameters<typeof tokenFor>[1];

const ELDERLY = 'Elderly residents in buildings with open fire hazards, by community';
const INCIDENTS = 'Incidents of the last 30 days with the resources dispatched';
const FIRE_HAZARDS = ['BLOCKED_EXIT', 'EBIKE_CHARGING', 'FAULTY_WIRING', 'GAS_LEAK'];
/** Care categories that mean a resident needs help to evacuate (the README's needsEvacuationAssistance). */
const EVACUATION_CATEGORIES = ['ELDERLY_LIVING_ALONE', 'DISABLED', 'LEFT_BEHIND_CHILD'];
/** The README's rule for a report's counts: withheld under 5 (schema/policy.yaml's smallCounts), else the nearest multiple of 5, never 0. */
const published = (count: number) => (count < 5 ? null : Math.max(5, Math.round(count / 5) * 5));
const SAVE = `mutation ($input: SaveReportInput!) { saveReport(input: $input) { id name editable suppressBelow } }`;

/** Whole years on today's UTC date, as a person counts a birthday. */
function age(birthDate: string, today = new Date()): number {
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number, number];
  const before = today.getUTCMonth() + 1 < month || (today.getUTCMonth() + 1 === month && today.getUTCDate() < day);
  return today.getUTCFullYear() - year - (before ? 1 : 0);
}

async function sql<T>(database: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl(database) });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

interface ReportResult {
  report: { id: string; name: string };
  ranBy: { department: string; subject: string };
  columns: { key: string; label: string }[];
  rows: Record<string, unknown>[];
  pages: number;
  sourceRows: number;
  refused: { column: string; cells: number; code: string }[];
  suppressedCells: number;
  protection: string;
  suppressBelow: number | null;
}

describe('saved reports, run through the gateway as whoever runs them', () => {
  const platform = runningPlatforms().find((candidate) => candidate.backend === 'postgresql');
  if (!platform) throw new Error('the report tests check answers against the databases themselves: they need the PostgreSQL platform');
  const origin = new URL(platform.gatewayUrl).origin;
  const databases = platform.databases as Record<'population' | 'buildings' | 'incidents' | 'resources', string>;
  const token = (department: Department, options?: TokenOptions) => tokenFor(department, options);
  const run = async (id: string, format: string, authorization: string, query = '') => fetch(`${origin}/reports/${id}/run.${format}${query}`, { headers: { authorization } });
  const runJson = async (id: string, department: Department, options?: TokenOptions, query = ''): Promise<ReportResult> => {
    const response = await run(id, 'json', `Bearer ${await token(department, options)}`, query);
    const body = await response.json();
    // The whole answer on failure: its error says why.
    if (response.status !== 200) expect(body).toBe(`an answer with status 200, not ${response.status}`);
    return body as ReportResult;
  };
  const ids = new Map<string, string>();

  /** Residents aged 60+ in buildings with an open fire hazard, from the databases: what the elderly report must count. */
  async function elderlyInHazardousBuildings(gridPrefix = '') {
    const hazardous = new Set(
      (await sql<{ building_id: number }>(databases.buildings, `select distinct building_id from hazard where status = 'OPEN' and category = any($1)`, [FIRE_HAZARDS])).map((row) => row.building_id),
    );
    const residents = await sql<{ grid_code: string; birth_date: string; care_categories: string[]; building_id: number }>(
      databases.population,
      `select grid_code, birth_date::text as birth_date, care_categories, building_id from resident where grid_code like $1`,
      [`${gridPrefix}%`],
    );
    return residents.filter((resident) => hazardous.has(resident.building_id) && age(resident.birth_date) >= 60);
  }

  const tallyByCommunity = (residents: Awaited<ReturnType<typeof elderlyInHazardousBuildings>>, counted: (resident: (typeof residents)[number]) => boolean) => {
    const counts = new Map<string, number>();
    for (const resident of residents) counts.set(resident.grid_code.slice(0, 12), (counts.get(resident.grid_code.slice(0, 12)) ?? 0) + (counted(resident) ? 1 : 0));
    return counts;
  };

  beforeAll(async () => {
    const { data, errors } = await graphql(platform.gatewayUrl, '{ savedReports { id name department sharedWith } }', {}, { token: await token('fire') });
    expect(errors).toBeUndefined();
    for (const report of data!.savedReports) ids.set(report.name, report.id);
    expect([...ids.keys()]).toEqual(expect.arrayContaining([ELDERLY, INCIDENTS]));
  });

  it('counts elderly residents in buildings with open fire hazards by community, as civil affairs, as the databases say, with small counts withheld', async () => {
    const result = await runJson(ids.get(ELDERLY)!, 'civil');
    const residents = await elderlyInHazardousBuildings();
    expect(residents.length).toBeGreaterThan(20);
    const elderly = tallyByCommunity(residents, () => true);
    const livingAlone = tallyByCommunity(residents, (resident) => resident.care_categories.includes('ELDERLY_LIVING_ALONE'));
    const needHelp = tallyByCommunity(residents, (resident) => resident.care_categories.some((category) => EVACUATION_CATEGORIES.includes(category)));
    expect(result).toMatchObject({ protection: 'SUPPRESSED_AND_ROUNDED', suppressBelow: 5, refused: [], ranBy: { department: 'civil' } });
    expect(result.pages).toBeGreaterThan(1);
    expect(result.columns.map((column) => column.key)).toEqual(['community', 'elderly', 'livingAlone', 'needHelp']);
    expect(new Map(result.rows.map((row) => [row.community, [row.elderly, row.livingAlone, row.needHelp]]))).toEqual(
      new Map([...elderly.keys()].map((community) => [community, [published(elderly.get(community)!), published(livingAlone.get(community)!), published(needHelp.get(community)!)]])),
    );
    expect(result.suppressedCells).toBeGreaterThan(0);
  });

  it('gives a fire officer the evacuation counts and refuses the care register, in JSON, CSV and an Excel file that opens', async () => {
    const id = ids.get(ELDERLY)!;
    const result = await runJson(id, 'fire');
    const residents = await elderlyInHazardousBuildings();
    const needHelp = tallyByCommunity(residents, (resident) => resident.care_categories.some((category) => EVACUATION_CATEGORIES.includes(category)));
    expect(result.refused).toEqual([{ column: 'livingAlone', cells: needHelp.size, code: 'FORBIDDEN' }]);
    expect(new Map(result.rows.map((row) => [row.community, [row.livingAlone, row.needHelp]]))).toEqual(new Map([...needHelp].map(([community, count]) => [community, [null, published(count)]])));

    const authorization = `Bearer ${await token('fire')}`;
    const csv = await run(id, 'csv', authorization);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('Community,Residents aged 60+,Living alone (care register),Need help to evacuate');
    expect(lines.slice(1).every((line) => line.split(',')[2] === '[FORBIDDEN]')).toBe(true);
    expect(lines).toHaveLength(result.rows.length + 1);

    const xlsx = await run(id, 'xlsx', authorization);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Report')!;
    const sheetRows = sheet.getSheetValues().slice(2) as unknown[][];
    expect(sheetRows.map((row) => [row[1], row[3], row[4]])).toEqual(result.rows.map((row) => [row.community, '[FORBIDDEN]', row.needHelp ?? '<5']));
    expect(workbook.getWorksheet('About')!.getCell('B3').value).toMatch(/\(fire\)$/);
  });

  it('shows a grid worker their own grid only, with the small counts a grid has withheld', async () => {
    const [{ grid_code: grid }] = await sql<{ grid_code: string }>(databases.population, `select grid_code from resident group by grid_code order by count(*) desc limit 1`);
    const result = await runJson(ids.get(ELDERLY)!, 'community', { role: 'grid-worker', jurisdiction: grid! });
    const residents = await elderlyInHazardousBuildings(grid);
    expect(result.refused).toEqual([]);
    expect(result.rows.map((row) => row.community)).toEqual(residents.length ? [grid!.slice(0, 12)] : []);
    if (residents.length) expect(result.rows[0]!.elderly).toBe(published(residents.length));
    expect(result.rows.every((row) => [row.elderly, row.livingAlone, row.needHelp].every((count) => count === null || (count as number) >= 5))).toBe(true);
  });

  it('lists the incidents of the last 30 days with the teams and supplies sent, as the databases say, and pages through them', async () => {
    const result = await runJson(ids.get(INCIDENTS)!, 'emergency');
    const since = new Date(Date.now() - 30 * 86_400_000);
    const incidents = await sql<{ id: number; reported_at: Date; category: string; status: string }>(databases.incidents, `select id, reported_at, category, status from incident where reported_at >= $1 order by id`, [since]);
    const dispatches = await sql<{ incident_id: number; team: string | null; item: string | null }>(
      databases.resources,
      `select d.incident_id, t.name as team, s.item from dispatch d left join rescue_team t on t.id = d.team_id left join stock_item s on s.id = d.stock_item_id order by d.dispatched_at, d.id`,
    );
    expect(incidents.length).toBeGreaterThan(0);
    expect(result).toMatchObject({ protection: 'EXACT', suppressBelow: null, refused: [] });
    const sent = (id: number, kind: 'team' | 'item') => dispatches.filter((dispatch) => dispatch.incident_id === id && dispatch[kind] !== null).map((dispatch) => dispatch[kind]);
    expect(result.rows.map((row) => [row.id, row.category, row.status, [...(row.teams as string[])].sort(), [...(row.supplies as string[])].sort()])).toEqual(
      incidents.map((incident) => [String(incident.id), incident.category, incident.status, sent(incident.id, 'team').sort(), sent(incident.id, 'item').sort()]),
    );
    expect(result.rows.some((row) => (row.teams as string[]).length > 0)).toBe(true);
    // Smaller pages (a variable the runner overrides) make the runner page: the same rows, more pages.
    const paged = await runJson(ids.get(INCIDENTS)!, 'emergency', undefined, `?variables=${encodeURIComponent(JSON.stringify({ first: 5 }))}`);
    expect(paged.pages).toBeGreaterThanOrEqual(Math.ceil(incidents.length / 5));
    expect(paged.pages).toBeGreaterThan(result.pages);
    expect(paged.rows.map((row) => row.id)).toEqual(result.rows.map((row) => row.id));
  });

  it('reads as the runner: the reads are audited under the runner\'s name, not the author\'s', async () => {
    const subject = `report-runner-${Date.now()}`;
    await runJson(ids.get(ELDERLY)!, 'fire', { subject });
    const officer = await token('fire', { role: 'data-officer' });
    const recordsOf = async (fieldName: string) => {
      const { data, errors } = await graphql(
        platform.gatewayUrl,
        'query ($subject: String, $fieldName: String) { auditRecords(filter: { subject: $subject, fieldName: $fieldName }, first: 5) { edges { node { department subject decision } } } }',
        { subject, fieldName },
        { token: officer },
      );
      expect(errors).toBeUndefined();
      return data!.auditRecords.edges.map((edge: { node: Record<string, string> }) => edge.node);
    };
    // Subgraphs ship their audit records to the access service within moments of the read.
    for (const [fieldName, decision] of [['needsEvacuationAssistance', 'allow'], ['careCategories', 'deny']]) {
      let records: Record<string, string>[] = [];
      for (const started = Date.now(); records.length === 0 && Date.now() - started < 15_000; await new Promise((resolve) => setTimeout(resolve, 250))) records = await recordsOf(fieldName!);
      expect(records.length).toBeGreaterThan(0);
      expect(records.every((record) => record.department === 'fire' && record.subject === subject && record.decision.toLowerCase() === decision)).toBe(true);
    }
  });

  it('streams progress, then the result, as NDJSON', async () => {
    const response = await run(ids.get(ELDERLY)!, 'ndjson', `Bearer ${await token('civil')}`);
    expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = (await response.text()).trimEnd().split('\n').map((line) => JSON.parse(line));
    const progress = lines.slice(0, -1).map((line) => line.progress.pages);
    expect(progress).toEqual(progress.map((_: number, index: number) => index + 1));
    expect(progress.length).toBeGreaterThan(1);
    expect(lines.at(-1).result.pages).toBe(progress.length);
  });

  it('saves a report of one\'s own, names every problem of a bad one, and keeps it from departments it is not shared with', async () => {
    const example = JSON.parse(readFileSync('examples/reports/incidents-last-30-days-with-dispatches.json', 'utf8'));
    const police = await token('police');
    const bad = await graphql(platform.gatewayUrl, SAVE, {
      input: { ...example, operation: example.operation.replace('title', 'titel'), where: [{ column: 'nope', operator: 'EQ', value: 'x' }], groupBy: ['status'], sharedWith: [] },
    }, { token: police });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((bad.errors![0]!.extensions!.problems as { at: string }[]).map((problem) => problem.at)).toEqual(['input.where[0].column', 'input.aggregates', 'input.operation']);

    const saved = await graphql(platform.gatewayUrl, SAVE, { input: { ...example, name: 'Police only', sharedWith: [] } }, { token: police });
    expect(saved.errors).toBeUndefined();
    expect(saved.data!.saveReport).toMatchObject({ name: 'Police only', editable: true, suppressBelow: 5 });
    const id = saved.data!.saveReport.id;
    expect((await run(id, 'json', `Bearer ${police}`)).status).toBe(200);
    const fire = await run(id, 'json', `Bearer ${await token('fire')}`);
    expect(fire.status).toBe(404);
    expect((await fire.json()).errors[0].extensions.code).toBe('NOT_FOUND');
    const deleted = await graphql(platform.gatewayUrl, 'mutation ($id: ID!) { deleteReport(id: $id) }', { id }, { token: await token('fire', { role: 'data-officer' }) });
    expect(deleted.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses a run without a token, with bad variables, or of no report, with codes to act on', async () => {
    const id = ids.get(INCIDENTS)!;
    const civil = `Bearer ${await token('civil')}`;
    const cases = [
      { response: await run(id, 'json', ''), status: 401, code: 'UNAUTHENTICATED' },
      { response: await run(id, 'json', civil, '?variables=%7Bnot-json'), status: 400, code: 'BAD_USER_INPUT' },
      { response: await run(id, 'json', civil, `?variables=${encodeURIComponent(JSON.stringify({ since: 'yesterday' }))}`), status: 400, code: 'BAD_USER_INPUT' },
      { response: await run(id, 'json', civil, `?variables=${encodeURIComponent(JSON.stringify({ sinse: '2026-01-01T00:00:00Z' }))}`), status: 400, code: 'BAD_USER_INPUT' },
      { response: await run('999999', 'json', civil), status: 404, code: 'NOT_FOUND' },
      { response: await run(id, 'pdf', civil), status: 404, code: 'NOT_FOUND' },
    ];
    for (const { response, status, code } of cases) {
      const body = await response.json();
      expect({ status: response.status, code: body.errors?.[0]?.extensions?.code }).toEqual({ status, code });
    }
  });
});
