import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Platform } from '@civic/launcher';
import { ensureAnchorsInstalled } from './anchors.js';
import { startChild } from './childService.js';

export interface RunningHive {
  url: string;
  pid: number;
  stop: () => Promise<void>;
}

/** How Hive Gateway runs: as its authors tune it for speed (JIT, Rust query planner), or as it comes. */
export type HiveMode = 'tuned' | 'defaults';

/** The committed supergraph with each subgraph's URL replaced by where the benchmark's subgraph listens. */
export function supergraphFor(root: string, platform: Platform): string {
  const sdl = readFileSync(join(root, 'schema/supergraph.graphql'), 'utf8');
  return sdl.replace(/@join__graph\(name: "([^"]+)", url: "[^"]+"\)/g, (whole, name: string) => {
    const subgraph = platform.subgraphs[name as keyof Platform['subgraphs']];
    return subgraph ? `@join__graph(name: "${name}", url: "${subgraph.url}")` : whole;
  });
}

/** Starts `@graphql-hive/gateway` on a free port in front of the platform's subgraphs. */
export async function startHive(root: string, platform: Platform, mode: HiveMode, env: Record<string, string>): Promise<RunningHive> {
  const dir = mkdtempSync(join(tmpdir(), 'civic-bench-hive-'));
  const supergraphPath = join(dir, 'supergraph.graphql');
  writeFileSync(supergraphPath, supergraphFor(root, platform));
  try {
    const anchors = ensureAnchorsInstalled(root);
    const child = await startChild(`Hive Gateway (${mode})`, process.execPath, {
      args: () => [join(anchors, 'hiveGateway.js')],
      env: { ...env, HIVE_MODE: mode, HIVE_SUPERGRAPH_PATH: supergraphPath },
      readiness: '/readiness',
    });
    const stop = async () => {
      await child.stop();
      rmSync(dir, { recursive: true, force: true });
    };
    return { url: `${child.base}/graphql`, pid: child.pid, stop };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
