import { randomInt } from 'node:crypto';
import { generateKeyPair } from 'jose';
import { loadServiceCredential, signGatewayToken, signServiceToken, type ServiceCredential } from '@civic/runtime';
import { graphql, TEST_KEYS_DIR, testGatewayKey, tokenFor } from '@civic/testkit';
import { eachBackend } from '../support/platforms';

/**
 * The access service's intake: the audit trail accepts records only from a calling service's own
 * credential, and records which subgraph served them from that credential, whatever the body says.
 */
describe.each(eachBackend())('service credentials at the access service (%s)', (_backend, platform) => {
  const auditIntake = () => new URL('/internal/audit', platform.subgraphUrls.access);
  const snapshot = () => new URL('/internal/policy-snapshot', platform.subgraphUrls.access);

  /** One audited request reading one resident's idNumber, claiming to come from the buildings subgraph. */
  function auditBody(residentId: string, subject: string) {
    const reads = JSON.stringify([{ field: 'Resident.idNumber', decision: 'allow', grantId: null, records: [[residentId, '330101001001001']] }]);
    return JSON.stringify({ requests: [{ at: new Date().toISOString(), subject, department: 'police', roles: 'officer', purpose: null, subgraph: 'buildings', reads }] });
  }

  function post(url: URL, body: string, token?: string) {
    return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body });
  }

  async function trailOf(residentId: string) {
    const { data, errors } = await graphql(
      platform.gatewayUrl,
      `query ($residentId: ID!) { auditRecords(first: 50, filter: { residentId: $residentId }) { edges { node { subject subgraph fieldName } } } }`,
      { residentId },
      { token: await tokenFor('police', { role: 'data-officer' }) },
    );
    expect(errors).toBeUndefined();
    return (data!.auditRecords.edges as { node: { subject: string; subgraph: string; fieldName: string } }[]).map((edge) => edge.node);
  }

  async function credentialSignedWithAnotherKey(service: string): Promise<ServiceCredential> {
    const { privateKey } = await generateKeyPair('ES256');
    return { service, key: { kid: service, alg: 'ES256', key: privateKey } };
  }

  it("refuses forged calls (no token, another key under a service's name, a user's or the gateway's token) and writes nothing", async () => {
    const residentId = String(900_000_000 + randomInt(99_999_999));
    const body = auditBody(residentId, 'forger');
    const identity = { subject: 'forger', department: 'police' as const, roles: ['data-officer' as const] };
    const forgeries = {
      'no token': undefined,
      "another key under population's name": await signServiceToken(await credentialSignedWithAnotherKey('population')),
      "a user's token": await tokenFor('police', { role: 'data-officer' }),
      "the gateway's token": await signGatewayToken(await testGatewayKey(), identity),
    };
    for (const [forgery, token] of Object.entries(forgeries)) {
      const response = await post(auditIntake(), body, token);
      expect({ forgery, status: response.status }).toEqual({ forgery, status: 401 });
      expect({ forgery, snapshot: (await fetch(snapshot(), token ? { headers: { authorization: `Bearer ${token}` } } : {})).status }).toEqual({ forgery, snapshot: 401 });
    }
    expect(await trailOf(residentId)).toEqual([]);
  });

  it("records the subgraph named by the caller's own credential, not the one the body claims", async () => {
    const residentId = String(900_000_000 + randomInt(99_999_999));
    const population = await loadServiceCredential('population', undefined, TEST_KEYS_DIR);
    const response = await post(auditIntake(), auditBody(residentId, 'police-reader'), await signServiceToken(population));
    expect(response.status).toBe(200);
    expect(await trailOf(residentId)).toEqual([{ subject: 'police-reader', subgraph: 'population', fieldName: 'idNumber' }]);
  });
});
