import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogFromSupergraph, LivePolicy } from '@civic/governance';
import type { Timers } from '@civic/governance/sync/pollSchedule';
import { createLogger, ensureDevelopmentKeys, loadServiceCredential, type ServiceCredential } from '@civic/runtime';

/** A follower's first polls against real sockets: one nobody listens on, one that answers 503. */
let keysDir: string;
let credential: ServiceCredential;

beforeAll(async () => {
  keysDir = mkdtempSync(join(tmpdir(), 'civic-live-policy-'));
  await ensureDevelopmentKeys(keysDir);
  credential = await loadServiceCredential('population', undefined, keysDir);
});
afterAll(() => rmSync(keysDir, { recursive: true, force: true }));

/** The waits the follower schedules; nothing is run, so each test sees only the first poll. */
function recordingTimers(): Timers & { waits: number[] } {
  const waits: number[] = [];
  return { waits, setTimeout: (_run, ms) => waits.push(ms), clearTimeout: () => undefined };
}

async function firstWaitAgainst(accessUrl: string): Promise<number[]> {
  const timers = recordingTimers();
  const policy = new LivePolicy({
    accessUrl,
    catalog: catalogFromSupergraph('schema/supergraph.graphql'),
    credential,
    timing: { intervalMs: 1000, maxBackoffMs: 30_000 },
    timeoutMs: 2000,
    logger: createLogger('test', 'silent'),
    timers,
  });
  await policy.start();
  policy.stop();
  expect(policy.version()).toBeNull();
  return timers.waits;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe('a policy follower that has received nothing yet', () => {
  it('retries within a tenth of a second when nothing listens on the access service\'s port', async () => {
    const server = createServer();
    const port = await listen(server);
    await new Promise((resolve) => server.close(resolve));
    expect(await firstWaitAgainst(`http://127.0.0.1:${port}`)).toEqual([100]);
  });

  it('backs off as from any failure when the access service answers with an error', async () => {
    const server = createServer((_req, res) => res.writeHead(503).end());
    const port = await listen(server);
    try {
      const [wait] = await firstWaitAgainst(`http://127.0.0.1:${port}`);
      expect(wait).toBeGreaterThanOrEqual(1000);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
