import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, type Platform } from '@civic/launcher';
import { ensureAnchorsInstalled } from './anchors.js';

export interface RunningHive {
  url: string;
  pid: number;
  stop: () => Promise<void>;
}

/** The committed supergraph with each subgraph's URL replaced by where the benchmark's subgraph listens. */
function supergraphFor(root: string, platform: Platform): string {
  const sdl = readFileSync(join(root, 'schema/supergraph.graphql'), 'utf8');
  return sdl.replace(/@join__graph\(name: "([^"]+)", url: "[^"]+"\)/g, (whole, name: string) => {
    const subgraph = platform.subgraphs[name as keyof Platform['subgraphs']];
    return subgraph ? `@join__graph(name: "${name}", url: "${subgraph.url}")` : whole;
  });
}

async function waitForReadiness(url: string, child: ReturnType<typeof spawn>, output: string[]): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Hive Gateway exited with code ${child.exitCode}:\n${output.slice(-20).join('\n')}`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2000) })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('Hive Gateway did not become ready within 60 s');
}

/** Starts `@graphql-hive/gateway` on a free port in front of the platform's subgraphs. */
export async function startHive(root: string, platform: Platform, env: Record<string, string>): Promise<RunningHive> {
  const dir = mkdtempSync(join(tmpdir(), 'civic-bench-hive-'));
  const supergraphPath = join(dir, 'supergraph.graphql');
  writeFileSync(supergraphPath, supergraphFor(root, platform));
  const port = await freePort();
  const output: string[] = [];
  const anchors = ensureAnchorsInstalled(root);
  const child = spawn(process.execPath, [join(anchors, 'hiveGateway.js')], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HIVE_SUPERGRAPH_PATH: supergraphPath },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForReadiness(`http://127.0.0.1:${port}/readiness`, child, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `http://127.0.0.1:${port}/graphql`, pid: child.pid!, stop };
}
