import { SignJWT } from 'jose';
import type { SigningKey } from '@civic/runtime';

/**
 * The attacks issue 9 reported, as requests anyone who has read the repository can send. Each names the
 * answer a hardened platform must give; the replay measures how fast and at what CPU cost it comes.
 */
export interface Attack {
  name: string;
  /** What the platform must answer: an HTTP status and, where GraphQL answers, an error code. */
  expected: { status: number; code?: string };
  send: (target: AttackTarget) => Promise<Response>;
  /** Fewer repetitions for attacks that take seconds each by design (a frozen subgraph waits for the fetch timeout). */
  repetitions?: number;
}

export interface AttackTarget {
  gatewayUrl: string;
  /** A subgraph's URL and its access service's, for the attacks that skip the gateway. */
  accessUrl: string;
  tokens: AttackTokens;
  /** Records found in the seeded city: a building, its grid, another grid, an incident, a team. */
  city: CityFacts;
  /** The identity provider's key: signs tokens that are valid in every way but the one an attack breaks. */
  identityProvider: SigningKey;
  /** Stops a service's process (SIGSTOP) while `during` runs, then lets it go on. */
  whileFrozen: <T>(service: string, during: () => Promise<T>) => Promise<T>;
}

export interface AttackTokens {
  petitionOfficer: string;
  civilDataOfficer: string;
  fireOfficer: string;
  policeDuty: string;
}

export interface CityFacts {
  buildingId: string;
  buildingGrid: string;
  otherGrid: string;
  residentIdNumber: string;
  teamId: string;
  incidentId: string;
}

/** The development secret every earlier version accepted; printed in its README, so known to all. */
const OLD_DEVELOPMENT_SECRET = new TextEncoder().encode('civic-graph-development-secret-change-me-in-production');

function hs256Token(claims: Record<string, unknown>, expiresIn: string | undefined): Promise<string> {
  const jwt = new SignJWT({ department: 'police', roles: ['data-officer'], ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('attacker')
    .setIssuer('civic-graph')
    .setAudience('civic-graph')
    .setIssuedAt();
  return (expiresIn ? jwt.setExpirationTime(expiresIn) : jwt).sign(OLD_DEVELOPMENT_SECRET);
}

/** A token from the real identity provider with no `exp`: valid but for its missing expiry. */
function tokenWithoutExpiry(signer: SigningKey): Promise<string> {
  return new SignJWT({ department: 'police', roles: ['data-officer'] })
    .setProtectedHeader({ alg: signer.alg, kid: signer.kid })
    .setSubject('attacker')
    .setIssuer('civic-graph')
    .setAudience('civic-graph')
    .setIssuedAt()
    .sign(signer.key);
}

function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

function asUser(target: AttackTarget, token: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return post(target.gatewayUrl, { query, variables }, { authorization: `Bearer ${token}`, ...headers });
}

/** `depth` levels of fragments, each reading the household of the one before: 625 bytes in the report. */
function nestedHouseholdFragments(depth: number): string {
  const fragments = Array.from({ length: depth }, (_, i) => `fragment F${i} on Resident { id householdMembers { ...F${i + 1} } }`);
  return `query { residents(first: 50) { edges { node { ...F0 } } } } ${fragments.join(' ')} fragment F${depth} on Resident { id }`;
}

const NAME_SEARCH = 'query($q: String) { residents(first: 5, filter: { nameContains: $q }) { totalCount } }';

const CROSS_SUBGRAPH_NEST = `query {
  buildings(first: 200) { edges { node { id residents(first: 200) { edges { node { id incidents(first: 200) { edges { node { id building { id residents(first: 200) { edges { node { id name } } } } } } } } } } } } }
}`;

function aliasedReports(count: number, gridCode: string): string {
  const input = `{ category: FIRE_HAZARD, source: HOTLINE, severity: LOW, title: "x", description: "x", gridCode: "${gridCode}" }`;
  return `mutation { ${Array.from({ length: count }, (_, i) => `r${i}: reportIncident(input: ${input}) { id }`).join(' ')} }`;
}

export const ATTACKS: Attack[] = [
  {
    name: 'token signed with the old development secret',
    expected: { status: 401, code: 'UNAUTHENTICATED' },
    send: async (t) => asUser(t, await hs256Token({}, '1h'), '{ departments { code } }'),
  },
  {
    name: "token without exp, signed by the identity provider's key",
    expected: { status: 401, code: 'UNAUTHENTICATED' },
    send: async (t) => asUser(t, await tokenWithoutExpiry(t.identityProvider), '{ departments { code } }'),
  },
  {
    name: 'user token sent straight to a subgraph',
    expected: { status: 401, code: 'UNAUTHENTICATED' },
    send: (t) => post(t.accessUrl, { query: '{ departments { code } }' }, { authorization: `Bearer ${t.tokens.policeDuty}` }),
  },
  {
    name: 'forged service call to the audit intake',
    expected: { status: 401 },
    send: async (t) => post(new URL('/internal/audit', t.accessUrl).href, { requests: [] }, { authorization: `Bearer ${await hs256Token({ service: 'population' }, '5m')}` }),
  },
  {
    name: 'nested fragments over householdMembers (12 levels)',
    expected: { status: 400, code: 'OPERATION_LIMIT_EXCEEDED' },
    send: (t) => asUser(t, t.tokens.policeDuty, nestedHouseholdFragments(12)),
  },
  {
    name: 'first: 200 nested four levels across subgraphs',
    expected: { status: 400, code: 'OPERATION_LIMIT_EXCEEDED' },
    send: (t) => asUser(t, t.tokens.policeDuty, CROSS_SUBGRAPH_NEST),
  },
  {
    name: '400 aliased reportIncident in one POST',
    expected: { status: 400, code: 'OPERATION_LIMIT_EXCEEDED' },
    send: (t) => asUser(t, t.tokens.fireOfficer, aliasedReports(400, t.city.buildingGrid)),
  },
  {
    name: '1 MB nameContains',
    expected: { status: 413, code: 'PAYLOAD_TOO_LARGE' },
    send: (t) => asUser(t, t.tokens.policeDuty, NAME_SEARCH, { q: 'x'.repeat(1024 * 1024) }),
  },
  {
    name: '100,000-character nameContains',
    expected: { status: 200, code: 'BAD_USER_INPUT' },
    send: (t) => asUser(t, t.tokens.policeDuty, NAME_SEARCH, { q: 'x'.repeat(100_000) }),
  },
  {
    name: 'a frozen subgraph (population stopped with SIGSTOP)',
    expected: { status: 200, code: 'SUBGRAPH_TIMEOUT' },
    repetitions: 2,
    send: (t) => t.whileFrozen('population', () => asUser(t, t.tokens.policeDuty, '{ residents(first: 1) { totalCount } }')),
  },
  {
    name: 'petition officer dispatches a rescue team',
    expected: { status: 200, code: 'FORBIDDEN' },
    send: (t) => asUser(t, t.tokens.petitionOfficer, 'mutation($i: DispatchTeamInput!) { dispatchTeam(input: $i) { id } }', { i: { incidentId: t.city.incidentId, teamId: t.city.teamId } }),
  },
  {
    name: 'petition officer records a hazard',
    expected: { status: 200, code: 'FORBIDDEN' },
    send: (t) => asUser(t, t.tokens.petitionOfficer, 'mutation($i: RecordHazardInput!) { recordHazard(input: $i) { id } }', { i: { buildingId: t.city.buildingId, category: 'BLOCKED_EXIT', severity: 'LOW', description: 'x' } }),
  },
  {
    name: 'invalid DateTime',
    expected: { status: 200, code: 'BAD_USER_INPUT' },
    send: (t) => asUser(t, t.tokens.policeDuty, 'query { hazards(first: 1, filter: { reportedFrom: "yesterday" }) { totalCount } }'),
  },
  {
    name: 'NUL in a text argument',
    expected: { status: 200, code: 'BAD_USER_INPUT' },
    send: (t) => asUser(t, t.tokens.policeDuty, 'query($c: String!) { grid(code: $c) { code } }', { c: '330102\u0000' }),
  },
  {
    name: 'id 2^31',
    expected: { status: 200, code: 'BAD_USER_INPUT' },
    send: (t) => asUser(t, t.tokens.policeDuty, '{ incident(id: "2147483648") { id } }'),
  },
  {
    name: 'incident at a building that does not exist',
    expected: { status: 200, code: 'NOT_FOUND' },
    send: (t) => asUser(t, t.tokens.fireOfficer, 'mutation($i: ReportIncidentInput!) { reportIncident(input: $i) { id } }', { i: { category: 'FIRE_HAZARD', source: 'HOTLINE', severity: 'LOW', title: 'x', description: 'x', gridCode: t.city.buildingGrid, buildingId: '99999999' } }),
  },
  {
    name: 'incident at a building in another grid',
    expected: { status: 200, code: 'BAD_USER_INPUT' },
    send: (t) => asUser(t, t.tokens.fireOfficer, 'mutation($i: ReportIncidentInput!) { reportIncident(input: $i) { id } }', { i: { category: 'FIRE_HAZARD', source: 'HOTLINE', severity: 'LOW', title: 'x', description: 'x', gridCode: t.city.otherGrid, buildingId: t.city.buildingId } }),
  },
  {
    name: 'dispatch to incident 99999999',
    expected: { status: 200, code: 'NOT_FOUND' },
    send: (t) => asUser(t, t.tokens.fireOfficer, 'mutation($i: DispatchTeamInput!) { dispatchTeam(input: $i) { id } }', { i: { incidentId: '99999999', teamId: t.city.teamId } }),
  },
  {
    name: '"lunch" as the access purpose',
    expected: { status: 400, code: 'BAD_USER_INPUT' },
    send: (t) => asUser(t, t.tokens.policeDuty, '{ residents(first: 1) { edges { node { phone } } } }', {}, { 'x-access-purpose': 'lunch' }),
  },
  {
    name: 'civil requests police-only keyPersonnelCategory',
    expected: { status: 200, code: 'FORBIDDEN' },
    send: (t) =>
      asUser(t, t.tokens.civilDataOfficer, 'mutation($i: RequestAccessInput!) { requestAccess(input: $i) { id } }', {
        i: { fields: ['Resident.keyPersonnelCategory'], purpose: 'welfare-check', scope: '', duration: 'P1D' },
      }),
  },
];
