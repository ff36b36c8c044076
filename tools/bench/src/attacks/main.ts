/**
 * `npm run bench:attacks`: starts the platform on its embedded default with a small seeded city, replays
 * every attack of catalogue.ts, and prints a table: the answer, its median time, the CPU the platform
 * spent per refused attack, and the p95 of an ordinary query sent meanwhile against its p95 alone.
 * Exit code 1 when any attack got another answer than the one it must get.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchPlatform, SUBGRAPH_NAMES, type Platform, type SubgraphName } from '@civic/launcher';
import { graphql, TEST_KEYS_DIR, testIdentityProvider, tokenFor } from '@civic/testkit';
import { ATTACKS, type AttackTarget, type CityFacts } from './catalogue.js';
import { bystanderBaseline, platformServices, replay, type AttackOutcome } from './replay.js';

const REPETITIONS = Number(process.env.ATTACK_REPETITIONS ?? 20);
const log = (message: string) => process.stderr.write(`[attacks] ${message}\n`);

async function cityFacts(gatewayUrl: string, token: string): Promise<CityFacts> {
  const { data } = await graphql(
    gatewayUrl,
    `{ buildings(first: 50) { edges { node { id gridCode } } }
       residents(first: 1) { edges { node { idNumber } } }
       rescueTeams(first: 1) { edges { node { id } } }
       incidents(first: 1) { edges { node { id } } } }`,
    {},
    { token },
  );
  const buildings = data!.buildings.edges.map((e: { node: { id: string; gridCode: string } }) => e.node);
  const other = buildings.find((b: { gridCode: string }) => b.gridCode !== buildings[0].gridCode);
  return {
    buildingId: buildings[0].id,
    buildingGrid: buildings[0].gridCode,
    otherGrid: other.gridCode,
    residentIdNumber: data!.residents.edges[0].node.idNumber,
    teamId: data!.rescueTeams.edges[0].node.id,
    incidentId: data!.incidents.edges[0].node.id,
  };
}

function table(outcomes: AttackOutcome[], baselineP95: number): string {
  const rows = outcomes.map(
    (o) => `| ${o.name} | ${o.status} ${o.code}${o.asExpected ? '' : ' (UNEXPECTED)'} | ${o.medianMs.toFixed(1)} | ${o.cpuMsPerAttack.toFixed(2)} | ${o.bystanderP95Ms.toFixed(1)} |`,
  );
  return [
    `Ordinary query p95 with no attack: ${baselineP95.toFixed(1)} ms; ${REPETITIONS} repetitions of each attack.`,
    '',
    '| attack | answer | median ms | platform CPU ms per attack | ordinary query p95 ms meanwhile |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'civic-attacks-'));
  let platform: Platform | undefined;
  try {
    log('starting the platform (embedded PGlite, 2000 residents)');
    platform = await launchPlatform({ root: process.cwd(), env: { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: '', DATA_DIR: dataDir, KEYS_DIR: TEST_KEYS_DIR }, freePorts: true, seedResidents: 2000 });
    const tokens = {
      petitionOfficer: await tokenFor('petition', { subject: 'attacker-petition' }),
      civilDataOfficer: await tokenFor('civil', { role: 'data-officer', subject: 'attacker-civil' }),
      fireOfficer: await tokenFor('fire', { subject: 'attacker-fire' }),
      policeDuty: await tokenFor('police', { role: 'duty', subject: 'bystander-police' }),
    };
    const running = platform;
    const whileFrozen = async <T>(service: string, during: () => Promise<T>): Promise<T> => {
      const { pid } = running.subgraphs[service as SubgraphName].child;
      process.kill(pid!, 'SIGSTOP');
      try {
        return await during();
      } finally {
        process.kill(pid!, 'SIGCONT');
      }
    };
    const target: AttackTarget = {
      gatewayUrl: platform.gatewayUrl,
      accessUrl: platform.subgraphs.access.url,
      tokens,
      city: await cityFacts(platform.gatewayUrl, tokens.policeDuty),
      identityProvider: await testIdentityProvider(),
      whileFrozen,
    };
    const pids = { gateway: platform.gateway.child.pid!, ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, platform!.subgraphs[name].child.pid!])) };
    const services = platformServices(pids);
    const baseline = await bystanderBaseline(target, 3000);
    const outcomes: AttackOutcome[] = [];
    for (const attack of ATTACKS) {
      log(attack.name);
      outcomes.push(await replay(attack, target, services, REPETITIONS));
    }
    process.stdout.write(`${table(outcomes, baseline)}\n`);
    if (outcomes.some((o) => !o.asExpected)) process.exitCode = 1;
  } finally {
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
