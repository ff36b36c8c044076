import { spawn } from 'node:child_process';
import { freePort } from '@civic/launcher';

export interface RunningChild {
  /** The service's base URL, http://127.0.0.1:<port>. */
  base: string;
  pid: number;
  stop: () => Promise<void>;
}

async function waitForReadiness(name: string, url: string, child: ReturnType<typeof spawn>, output: string[]): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}:\n${output.slice(-20).join('\n')}`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2000) })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${name} did not become ready within 60 s:\n${output.slice(-20).join('\n')}`);
}

/**
 * Starts a comparison service (a program and its arguments) on a free port given as PORT, and waits
 * until GET <readinessPath> answers 200. Its output is kept for the error message if it fails.
 */
export async function startChild(name: string, command: string, args: string[], env: Record<string, string>, readinessPath: string): Promise<RunningChild> {
  const port = await freePort();
  const output: string[] = [];
  const child = spawn(command, args, { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  const collect = (chunk: Buffer) => output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    }
  };
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForReadiness(name, `${base}${readinessPath}`, child, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { base, pid: child.pid!, stop };
}
