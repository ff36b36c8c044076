import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { access } from '@civic/access';
import { startSubgraphInProcess, type InProcessSubgraph } from '@civic/testkit';

interface VersionRow {
  version: number;
  author: string;
  rules: number;
  owners: Record<string, string> | null;
  purposes: { code: string }[] | null;
}

/**
 * An installation whose policy was published before field owners and purposes were policy data: its
 * version in force has neither, which no subgraph accepts any more. The access service, restarted on
 * that database, republishes it with the owners and purposes of the policy file and its own rules; a
 * version from before mutations were governed gets the file's rules for them.
 */
describe('the access service on a policy from an earlier release', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'civic-access-upgrade-'));
  let subgraph: InProcessSubgraph | undefined;
  const start = async () => (subgraph = await startSubgraphInProcess(access, { env: { DATA_DIR: dataDir } }));
  const versions = () =>
    subgraph!.sql<VersionRow>(`select version, author, jsonb_array_length(document->'rules') as rules, document->'owners' as owners, document->'purposes' as purposes from policy_version order by version`);
  const stop = async () => {
    await subgraph?.stop();
    subgraph = undefined;
  };
  afterAll(async () => {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('republishes it at start-up with the file\'s owners and purposes, its rules unchanged, once', async () => {
    await start();
    // Version 2 as published before: one rule fewer than the file, and no owners or purposes.
    await subgraph!.sql(`insert into policy_version (version, document, author, reason, published_at, based_on)
      select 2, jsonb_set(document - 'owners' - 'purposes', '{rules}', (document->'rules') - 0), 'police-officer (police)', 'before owners', now(), 1 from policy_version where version = 1`);
    await stop();

    await start();
    const [first, old, adopted, ...more] = await versions();
    expect(more).toEqual([]);
    expect(old).toMatchObject({ version: 2, owners: null, purposes: null });
    expect(adopted).toMatchObject({ version: 3, author: 'platform', rules: old!.rules, owners: first!.owners, purposes: first!.purposes });
    expect(adopted!.owners).toMatchObject({ 'Resident.keyPersonnelCategory': 'police' });
    await stop();

    await start();
    expect((await versions()).length).toBe(3);
  });

  it('gives a version with no rules for mutations the file\'s, so that an upgrade does not refuse every mutation', async () => {
    await start();
    const latest = (await versions()).at(-1)!.version;
    // A version as published before mutations were governed: its field rules only.
    await subgraph!.sql(`insert into policy_version (version, document, author, reason, published_at, based_on)
      select ${latest + 1}, jsonb_set(document, '{rules}', coalesce((select jsonb_agg(r) from jsonb_array_elements(document->'rules') r where r->>'field' not like 'Mutation.%'), '[]'::jsonb)), 'police-officer (police)', 'before actions', now(), ${latest}
      from policy_version where version = ${latest}`);
    await stop();

    await start();
    const actionRules = (version: number) =>
      subgraph!.sql<{ count: number }>(`select count(*)::int as count from policy_version, jsonb_array_elements(document->'rules') r where version = ${version} and r->>'field' like 'Mutation.%'`);
    const rows = await versions();
    expect(rows.map((r) => r.version)).toEqual([...rows.map((r) => r.version).slice(0, -1), latest + 2]);
    expect(rows.at(-1)).toMatchObject({ version: latest + 2, author: 'platform' });
    expect((await actionRules(latest + 1))[0]!.count).toBe(0);
    expect((await actionRules(latest + 2))[0]!.count).toBe((await actionRules(1))[0]!.count);
    expect((await actionRules(1))[0]!.count).toBeGreaterThan(10);
  });
});
