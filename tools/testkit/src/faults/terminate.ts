import type { ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { exited } from './platform.js';

/**
 * SIGTERM to a service under load: `connections` clients send requests back to back; once each has
 * had an answer, the service is told to stop. The requests it held then are the ones it must still
 * answer (a drain); those it cut are what a client of a service that stops at once would lose.
 *
 * Each request goes on a connection of its own, so that "held" is unambiguous: a connection the
 * service's kernel accepted before it stopped listening is held (the service must answer it); one
 * refused afterwards never reached it. On a kept-alive connection a request can cross the service's
 * close of that connection on the wire, which no server can tell from one never sent.
 */
export interface TerminationOutcome {
  /** Requests sent before the SIGTERM and not yet answered (refused connections excluded: they never reached it). */
  inFlight: number;
  /** Of those, answered whole (HTTP 200, data, no error). */
  answered: number;
  /**
   * Of those, answered with errors: the drain answered them, but not whole (on a slow machine, the
   * request's own deadlines: `REQUEST_TIMEOUT`, `SUBGRAPH_TIMEOUT`). One error code per answer.
   */
  answeredWithErrors: string[];
  /** Of those, the connections cut without an answer: what draining exists to prevent. */
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
  /** The first error code of an answer with errors (or its HTTP status). */
  errorCode?: string;
  /** How the connection ended without an answer. */
  cut?: string;
}

/** A GraphQL POST the clients send, each on a new connection. */
export interface TerminationRequest {
  url: string;
  token: string;
  body: string;
}

const REFUSED = 'refused';

function post({ url, token, body }: TerminationRequest): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function attempt(sent: TerminationRequest): Promise<Attempt> {
  const startedAt = Date.now();
  try {
    const { status, text } = await post(sent);
    const body = JSON.parse(text) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
    const whole = status === 200 && body.data != null && !body.errors;
    return { startedAt, endedAt: Date.now(), errorCode: whole ? undefined : (body.errors?.[0]?.extensions?.code ?? `HTTP ${status}`) };
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    return { startedAt, endedAt: Date.now(), cut: code === 'ECONNREFUSED' ? REFUSED : (code ?? message) };
  }
}

export async function terminateUnderLoad(child: ChildProcess, sent: TerminationRequest, connections: number): Promise<TerminationOutcome> {
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
      const outcome = await attempt(sent);
      attempts.push(outcome);
      if (first && ++warm === connections) warmedUp();
      first = false;
      if (outcome.startedAt >= terminatedAt) break;
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
  const inFlight = attempts.filter((a) => a.startedAt < terminatedAt && a.endedAt >= terminatedAt && a.cut !== REFUSED);
  return {
    inFlight: inFlight.length,
    answered: inFlight.filter((a) => !a.errorCode && !a.cut).length,
    answeredWithErrors: inFlight.flatMap((a) => (a.errorCode ? [a.errorCode] : [])),
    cut: inFlight.flatMap((a) => (a.cut ? [a.cut] : [])),
    exitMs,
    exit: { code: child.exitCode, signal: child.signalCode },
  };
}
