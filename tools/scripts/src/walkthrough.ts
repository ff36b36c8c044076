/**
 * `npm run walkthrough`: the data-sharing story of the README, step by step, against a running
 * platform (`npm start` in another terminal). Every step is a GraphQL request through the gateway.
 */
import type { Department, Role } from '@civic/runtime';
import { parseCommandLine } from './cli.js';
import { developmentTokenSigner } from './tokenSigning.js';

const values = parseCommandLine({
  name: 'walkthrough',
  usage: `Usage: npm run walkthrough -- [--gateway <url>] [--street <grid code>] [--grant-for <duration>]

  --gateway    the running platform's GraphQL endpoint (default GATEWAY_URL or http://127.0.0.1:4000/graphql)
  --street     the street whose residents' phones the story shares (default 330101001)
  --grant-for  how long the approved grant lasts, ISO 8601 (default PT20S, so that the walk shows its expiry)

Start the platform first (npm start in another terminal); every step is a request through its gateway.
`,
  options: {
    gateway: { type: 'string', default: process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql' },
    street: { type: 'string', default: '330101001' },
    'grant-for': { type: 'string', default: 'PT20S' },
  },
});
const sign = await developmentTokenSigner('walkthrough');
/** A code of the policy's purpose catalogue: the grant holds only while a caller states it. */
const PURPOSE = 'evacuation-planning';

async function ask(department: Department, role: Role, query: string, variables: Record<string, unknown> = {}, purpose?: string) {
  const token = await sign({ subject: `${department}-${role}-walkthrough`, department, roles: [role] });
  const response = await fetch(values.gateway, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(purpose ? { 'x-access-purpose': purpose } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
  if (body.errors?.some((e) => e.extensions?.code !== 'FORBIDDEN')) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const say = (text: string) => process.stdout.write(`\n${text}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const PHONES = 'query($s: String!) { residents(first: 3, filter: { gridCodePrefix: $s }) { edges { node { id name phone } } } }';
const phones = async (purpose?: string) => (await ask('fire', 'officer', PHONES, { s: values.street }, purpose)).residents.edges.map((e: any) => e.node);
const show = (rows: { id: string; name: string; phone: string }[]) => rows.forEach((r) => process.stdout.write(`   resident ${r.id} ${r.name}: ${r.phone}\n`));

say('1. A fire-service officer asks for residents\' phones in the street: the policy masks them.');
const before = await phones(PURPOSE);
show(before);

say(`2. The fire data officer asks the owner of Resident.phone for it in street ${values.street}, for ${PURPOSE}, for 2 hours.`);
const request = (
  await ask('fire', 'data-officer', 'mutation($s: String!, $p: String!, $j: String!) { requestAccess(input: { fields: ["Resident.phone"], purpose: $p, justification: $j, scope: $s, duration: "PT2H" }) { id status ownerDepartments } }', {
    s: values.street,
    p: PURPOSE,
    j: `Flood warning: evacuation of street ${values.street}`,
  })
).requestAccess;
process.stdout.write(`   request ${request.id}: ${request.status}, to be decided by ${request.ownerDepartments.join(' or ')}\n`);

say(`3. The police data officer approves it (for ${values['grant-for']}, so that this walk can show the expiry).`);
const decided = (
  await ask('police', 'data-officer', 'mutation($id: ID!, $d: String!) { decideSharingRequest(input: { id: $id, approve: true, reason: "Active flood warning", duration: $d }) { status grant { id validUntil } } }', { id: request.id, d: values['grant-for'] })
).decideSharingRequest;
process.stdout.write(`   ${decided.status}: grant ${decided.grant.id} valid until ${decided.grant.validUntil}\n`);

say(`4. The same query, with x-access-purpose: ${PURPOSE}, now returns the phones.`);
let during = await phones(PURPOSE);
for (let i = 0; i < 50 && during.some((r: any) => r.phone.includes('*')); i++) {
  await sleep(100);
  during = await phones(PURPOSE);
}
show(during);

say('5. The police data officer reads the audit trail of the first resident.');
await sleep(1500);
const audit = (
  await ask('police', 'data-officer', 'query($r: ID!) { auditRecords(first: 200, filter: { residentId: $r, fieldName: "phone", department: "fire" }) { edges { node { at subject department purpose decision grantId } } } }', { r: during[0].id })
).auditRecords.edges.map((e: any) => e.node);
audit.slice(-3).forEach((a: any) => process.stdout.write(`   ${a.at} ${a.subject} (${a.department}) ${a.decision}${a.grantId ? ` under grant ${a.grantId}` : ''}: "${a.purpose}"\n`));

say('6. The grant expires on its own; the phones are masked again.');
await sleep(Math.max(0, Date.parse(decided.grant.validUntil) - Date.now()) + 200);
show(await phones(PURPOSE));
