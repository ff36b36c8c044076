import type { ChildProcess } from 'node:child_process';
import { exited } from './platform.js';

/**
 * SIGTERM to a service under load: `connections` clients send requests back to back; once each has
 * had an answer, the service is told to stop. The requests it held then are the ones it must still
 * answer (a drain); those it cut are what a client of a service that stops at once would lose.
 */
export interface TerminationOutcome {
  /** Requests sent before the SIGTERM and not yet answered. */
  inFlight: number;
  /** Of those, answered whole (HTTP 200, data, no error). */
  answered: number;
  /** Of those, what happened to the others: a cut connection or an error answer. */
  cut: string[];
  /** How long the process took to exit after the SIGTERM. */
  exitMs: number;
  exit: { code: number | null; signal: string | null };
}

/** A service still running this long after SIGTERM is killed (and its exit reports SIGKILL). */
const STILL_RUNNING_MS = 60_000;

interface Attempt {
  startedAt: number;
  endedAt: number;
  problem: string | undefined;
}

async function attempt(send: () => Promise<Response>): Promise<Attempt> {
  const startedAt = Date.now();
  try {
    const response = await send();
    const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
    const whole = response.status === 200 && body.data != null && !body.errors;
    return { startedAt, endedAt: Date.now(), problem: whole ? undefined : `HTTP ${response.status} ${JSON.stringify(body.errors ?? '').slice(0, 200)}` };
  } catch (error) {
    const { cause, message } = error as Error & { cause?: { code?: string; message?: string } };
    return { startedAt, endedAt: Date.now(), problem: `cut: ${cause?.code ?? cause?.message ?? message}` };
  }
}

export async function terminateUnderLoad(child: ChildProcess, send: () => Promise<Response>, connections: number): Promise<TerminationOutcome> {
  const attempts: Attempt[] = [];
  let gone = false;
  const stopped = exited(child).then(() => (gone = true));
  let warm = 0;
  let warmedUp: () => void;
  const allWarm = new Promise<void>((resolve) => (warmedUp = resolve));
  let terminatedAt = Infinity;
  // Each client sends until it has sent one request after the SIGTERM (refused, or answered while draining).
  const client = async () => {
    let first = true;
    while (!gone) {
      const sent = await attempt(send);
      attempts.push(sent);
      if (first && ++warm === connections) warmedUp();
      first = false;
      if (sent.startedAt >= terminatedAt) break;
    }
  };
  const clients = Array.from({ length: connections }, client);
  await allWarm;
  terminatedAt = Date.now();
  child.kill('SIGTERM');
  const stuck = setTimeout(() => child.kill('SIGKILL'), STILL_RUNNING_MS);
  await stopped;
  clearTimeout(stuck);
  const exitMs = Date.now() - terminatedAt;
  await Promise.all(clients);
  const inFlight = attempts.filter((a) => a.startedAt < terminatedAt && a.endedAt >= terminatedAt);
  return {
    inFlight: inFlight.length,
    answered: inFlight.filter((a) => !a.problem).length,
    cut: inFlight.flatMap((a) => (a.problem ? [a.problem] : [])),
    exitMs,
    exit: { code: child.exitCode, signal: child.signalCode },
  };
}
