import { graphql, tokenFor } from '@civic/testkit';
import { runningPlatforms } from '../support/platforms';

type Department = Parameters<typeof tokenFor>[0];
const ENTRY = 'field owner classification sharingClass derivedSharingClass sharingClassSource sharingClassReason yourAccess { inside { effect mask } outside { effect } } howToGetMore description';
const CATALOGUE = `query ($filter: CatalogueFilter) { dataCatalogue(filter: $filter) { ${ENTRY} } }`;

interface Entry {
  field: string;
  owner: string | null;
  classification: string;
  sharingClass: string;
  derivedSharingClass: string;
  sharingClassSource: string;
  sharingClassReason: string | null;
  yourAccess: { inside: { effect: string; mask: string | null }; outside: { effect: string } };
  howToGetMore: string | null;
  description: string | null;
}

/**
 * The data catalogue, checked against schema/policy.yaml (the demo policy, read by a person, not by the
 * code under test) and against what the same caller actually gets through the graph.
 */
describe('the data catalogue', () => {
  const platform = runningPlatforms()[0]!;
  const as = async (department: Department, query: string, variables: Record<string, unknown> = {}, role?: 'data-officer') =>
    graphql(platform.gatewayUrl, query, variables, { token: await tokenFor(department, role ? { role } : {}) });
  const catalogue = async (department: Department, filter: Record<string, unknown> = {}) => {
    const { data, errors } = await as(department, CATALOGUE, { filter });
    expect(errors).toBeUndefined();
    return new Map((data!.dataCatalogue as Entry[]).map((entry) => [entry.field, entry]));
  };

  it("tells a fire officer each field's owner, its sharing class, what they get of it and whom to ask", async () => {
    const entries = await catalogue('fire');
    // Masked for fire (policy.yaml: "Masked unless a time-limited grant ... says otherwise"): shared on conditions, ask police.
    expect(entries.get('Resident.phone')).toMatchObject({ owner: 'police', sharingClass: 'CONDITIONAL', sharingClassSource: 'POLICY', yourAccess: { inside: { effect: 'MASK', mask: 'phone' } } });
    expect(entries.get('Resident.phone')!.howToGetMore).toMatch(/^Ask police's data officers: .*requestAccess/);
    // Denied to every other department by a rule no grant lifts ("Police only.").
    expect(entries.get('Resident.keyPersonnelCategory')).toMatchObject({ owner: 'police', sharingClass: 'NOT_SHARED', yourAccess: { inside: { effect: 'DENY' } } });
    expect(entries.get('Resident.keyPersonnelCategory')!.howToGetMore).toMatch(/^Not shared: .*Police only.*No request can open it\.$/);
    // Every department needs a resident's name: shared as it is, nothing more to get.
    expect(entries.get('Resident.name')).toMatchObject({ sharingClass: 'UNCONDITIONAL', yourAccess: { inside: { effect: 'ALLOW' }, outside: { effect: 'ALLOW' } }, howToGetMore: null });
    // Civil affairs' register, owned by civil (policy.yaml's owners), whatever the type's default.
    expect(entries.get('Resident.careCategories')!.owner).toBe('civil');
    // The platform's own types are not departments' data.
    expect([...entries.keys()].some((field) => field.startsWith('PolicyVersion.') || field.startsWith('AuditRecord.'))).toBe(false);

    // What the catalogue says the fire officer gets is what the graph gives them.
    const { data } = await as('fire', '{ residents(first: 3) { edges { node { name phone } } } }');
    for (const { node } of data!.residents.edges) expect(node.phone).toMatch(/\*{4}/);
  });

  it('tells the owner it owns the field, and filters by owner, class and words', async () => {
    const police = await catalogue('police', { owner: 'police', sharingClass: 'NOT_SHARED' });
    expect([...police.keys()]).toContain('Resident.keyPersonnelCategory');
    for (const entry of police.values()) expect(entry).toMatchObject({ owner: 'police', sharingClass: 'NOT_SHARED' });
    expect(police.get('Resident.keyPersonnelCategory')!.howToGetMore).toMatch(/^Your department owns Resident\.keyPersonnelCategory/);
    const phones = await catalogue('health', { search: 'PHONE' });
    expect([...phones.keys()]).toContain('Resident.phone');
    for (const entry of phones.values()) expect(`${entry.field} ${entry.description ?? ''}`.toLowerCase()).toContain('phone');
  });

  it("lets only the owner's data officer declare a field's class, with a reason, and return to the derived one", async () => {
    const set = 'mutation ($input: SetSharingClassInput!) { setSharingClass(input: $input) { ' + ENTRY + ' } }';
    const declared = await as('police', set, { input: { field: 'Resident.phone', sharingClass: 'NOT_SHARED', reason: 'Under review after a leak' } }, 'data-officer');
    try {
      expect(declared.errors).toBeUndefined();
      expect(declared.data!.setSharingClass).toMatchObject({ sharingClass: 'NOT_SHARED', derivedSharingClass: 'CONDITIONAL', sharingClassSource: 'OWNER', sharingClassReason: 'Under review after a leak' });
      expect((await catalogue('fire')).get('Resident.phone')).toMatchObject({ sharingClass: 'NOT_SHARED', sharingClassSource: 'OWNER', yourAccess: { inside: { effect: 'MASK' } } });
      const fire = await as('fire', set, { input: { field: 'Resident.phone', sharingClass: 'UNCONDITIONAL', reason: 'we need it' } }, 'data-officer');
      expect(fire.errors![0]).toMatchObject({ message: "Only police's data officers may declare Resident.phone's sharing class", extensions: { code: 'FORBIDDEN' } });
      const officer = await as('police', set, { input: { field: 'Resident.phone', sharingClass: 'UNCONDITIONAL', reason: 'x' } });
      expect(officer.errors![0]!.extensions!.code).toBe('FORBIDDEN');
      const unknown = await as('police', set, { input: { field: 'Resident.shoeSize', sharingClass: 'UNCONDITIONAL', reason: 'x' } }, 'data-officer');
      expect(unknown.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.field' } });
      const noReason = await as('police', set, { input: { field: 'Resident.phone', sharingClass: 'CONDITIONAL', reason: ' ' } }, 'data-officer');
      expect(noReason.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.reason' } });
    } finally {
      const cleared = await as('police', set, { input: { field: 'Resident.phone', sharingClass: null, reason: 'review done' } }, 'data-officer');
      expect(cleared.data!.setSharingClass).toMatchObject({ sharingClass: 'CONDITIONAL', sharingClassSource: 'POLICY', sharingClassReason: null });
    }
  });

  it('exports the same entries as CSV and JSON through the gateway, to signed-in callers only', async () => {
    const entries = await catalogue('fire');
    const token = await tokenFor('fire');
    const json = await fetch(new URL('/exports/catalogue.json', platform.gatewayUrl), { headers: { authorization: `Bearer ${token}` } });
    expect(json.status).toBe(200);
    const exported = (await json.json()) as { entries: Entry[] };
    expect(exported.entries.map((entry) => entry.field).sort()).toEqual([...entries.keys()].sort());
    expect(exported.entries.find((entry) => entry.field === 'Resident.phone')).toMatchObject({ sharingClass: 'CONDITIONAL', owner: 'police' });

    const csv = await fetch(new URL('/exports/catalogue.csv', platform.gatewayUrl), { headers: { authorization: `Bearer ${token}` } });
    expect({ status: csv.status, type: csv.headers.get('content-type') }).toEqual({ status: 200, type: 'text/csv; charset=utf-8; header=present' });
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('field,subgraph,owner,classification,sharingClass,sharingClassSource,sharingClassReason,yourAccessInside,yourAccessOutside,howToGetMore,description');
    expect(lines).toHaveLength(entries.size + 1);
    expect(lines.find((line) => line.startsWith('Resident.phone,'))).toMatch(/^Resident\.phone,population,police,\w+,CONDITIONAL,POLICY,,MASK \(phone\),/);

    expect((await fetch(new URL('/exports/catalogue.csv', platform.gatewayUrl))).status).toBe(401);
    const direct = await fetch(new URL('/exports/catalogue.json', platform.subgraphUrls.access), { headers: { authorization: `Bearer ${token}` } });
    expect(direct.status).toBe(401);
  });
});
