import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tokenFor } from '@civic/testkit';
import { runningPlatforms } from '../support/platforms';
import { startGatewayProcess, subgraphUrlEnv, type GatewayProcess } from '../support/gatewayProcess';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** The fire service's app's one operation, as GraphQL Code Generator's persisted documents would hold it. */
const REVIEWED = 'query Hazards { hazards(first: 2) { edges { node { id severity } } } }';
const FREE_FORM = '{ hazards(first: 2) { edges { node { id severity description } } } }';

/**
 * Trusted operations on a gateway of its own (TRUSTED_OPERATIONS_PATH and _REQUIRED), over the shared
 * platform's subgraphs: the fire service runs only what was reviewed; police stay free.
 */
describe('trusted operations', () => {
  const platform = runningPlatforms()[0]!;
  const dir = mkdtempSync(join(tmpdir(), 'civic-trusted-'));
  let gateway: GatewayProcess;

  const post = async (department: 'fire' | 'police', body: Record<string, unknown>) => {
    const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor(department)}` }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as { data?: Record<string, unknown>; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
  };
  const byHash = (hash: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });

  beforeAll(async () => {
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ [sha256(REVIEWED)]: REVIEWED }));
    gateway = await startGatewayProcess({ ...subgraphUrlEnv(platform.subgraphUrls), TRUSTED_OPERATIONS_PATH: join(dir, 'manifest.json'), TRUSTED_OPERATIONS_REQUIRED: 'fire' });
  });
  afterAll(async () => {
    await gateway?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs a reviewed operation named by its hash, with or without its text', async () => {
    const named = await post('fire', byHash(sha256(REVIEWED)));
    expect(named.status).toBe(200);
    expect(named.body.errors).toBeUndefined();
    expect((named.body.data!.hazards as { edges: unknown[] }).edges).toHaveLength(2);
    const withText = await post('fire', { query: REVIEWED, ...byHash(sha256(REVIEWED)) });
    expect(withText.body.errors).toBeUndefined();
  });

  it('refuses free-form text from a department that must name reviewed operations, and anything not in the manifest', async () => {
    const free = await post('fire', { query: FREE_FORM });
    expect(free.status).toBe(403);
    expect(free.body.errors![0]).toMatchObject({ extensions: { code: 'OPERATION_NOT_TRUSTED' } });
    expect(free.body.data).toBeUndefined();
    // Registering a text under its own hash, as automatic persisted queries allow, does not make it reviewed.
    const registered = await post('fire', { query: FREE_FORM, ...byHash(sha256(FREE_FORM)) });
    expect(registered.body.errors![0]).toMatchObject({ extensions: { code: 'OPERATION_NOT_TRUSTED' } });
    const thenByHash = await post('fire', byHash(sha256(FREE_FORM)));
    expect(thenByHash.body.errors![0]).toMatchObject({ extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
    // A reviewed hash with another text is refused before anything runs.
    const swapped = await post('fire', { query: FREE_FORM, ...byHash(sha256(REVIEWED)) });
    expect(swapped.status).toBe(400);
    expect(swapped.body.errors![0]).toMatchObject({ message: 'extensions.persistedQuery.sha256Hash: is not the SHA-256 of the query sent with it', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('leaves free-form queries open to departments not required to name reviewed operations', async () => {
    const police = await post('police', { query: FREE_FORM });
    expect(police.status).toBe(200);
    expect(police.body.errors).toBeUndefined();
  });

  it('refuses to start on a manifest whose hash is not its text, naming the variable', async () => {
    writeFileSync(join(dir, 'forged.json'), JSON.stringify({ [sha256(REVIEWED)]: FREE_FORM }));
    await expect(startGatewayProcess({ ...subgraphUrlEnv(platform.subgraphUrls), TRUSTED_OPERATIONS_PATH: join(dir, 'forged.json'), TRUSTED_OPERATIONS_REQUIRED: 'fire' })).rejects.toThrow(
      /gateway exited with 78: .*TRUSTED_OPERATIONS_PATH names .*forged\.json, whose entry [0-9a-f]{12}\.\.\. is not the SHA-256 of its text/,
    );
  });
});
