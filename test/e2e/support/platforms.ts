import type { Backend } from '@civic/testkit';

export interface PlatformHandle {
  backend: Backend;
  gatewayUrl: string;
  healthUrl: string;
  liveUrl: string;
  subgraphUrls: Record<string, string>;
  /** On PostgreSQL, each subgraph's database name: for checking an answer against the data itself. */
  databases: Partial<Record<string, string>>;
}

export function runningPlatforms(): PlatformHandle[] {
  const raw = process.env.CIVIC_TEST_PLATFORMS;
  if (!raw) throw new Error('CIVIC_TEST_PLATFORMS is not set: run the suite through jest.config.js (npm test)');
  return JSON.parse(raw) as PlatformHandle[];
}

/** Runs the same tests against every backend the global setup started (PGlite, and PostgreSQL when reachable). */
export const eachBackend = () => runningPlatforms().map((p) => [p.backend, p] as const);
