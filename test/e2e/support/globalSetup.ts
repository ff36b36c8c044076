import { availableBackends, startTestPlatform, type TestPlatform } from '@civic/testkit';
import type { PlatformHandle } from './platforms';

/** One platform per backend for the whole run: starting five processes per test file would dominate CI time. */
export default async function globalSetup(): Promise<void> {
  const platforms: TestPlatform[] = [];
  for (const backend of await availableBackends()) {
    const started = Date.now();
    // Sweeps every 2 s instead of each minute: a grant about to end reaches its subscribers within a test's patience.
    // The live outbox's safety-net poll an hour away: every delivery in these tests must come from the shipper
    // its commit woke (liveEvents/forwarder.ts), so a broken wake fails the live tests instead of hiding behind the poll.
    platforms.push(await startTestPlatform({ backend, root: process.cwd(), env: { LIVE_SWEEP_MS: '2000', LIVE_FORWARD_MS: '3600000' } }));
    process.stderr.write(`\n[test] platform on ${backend} healthy after ${Date.now() - started} ms\n`);
  }
  (globalThis as { civicPlatforms?: TestPlatform[] }).civicPlatforms = platforms;
  const handles: PlatformHandle[] = platforms.map((p) => ({
    backend: p.backend,
    gatewayUrl: p.gatewayUrl,
    healthUrl: p.healthUrl,
    liveUrl: p.liveUrl,
    subgraphUrls: Object.fromEntries(Object.entries(p.subgraphs).map(([name, s]) => [name, s.url])),
    databases: p.databases,
  }));
  process.env.CIVIC_TEST_PLATFORMS = JSON.stringify(handles);
}
