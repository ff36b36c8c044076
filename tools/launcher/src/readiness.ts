import type { ChildProcess } from 'node:child_process';
import { Agent, get } from 'node:http';
import { cpuTicks } from './cpuTime.js';
import { LauncherError } from './errors.js';

export interface ServiceProcess {
  name: string;
  port: number;
  url: string;
  child: ChildProcess;
  /** Its last lines of output (stdout and stderr). */
  output: string[];
  /** How many lines it has printed in all: a line is a sign of progress. */
  linesSeen: number;
}

/**
 * starting: opening its database and applying migrations; listening: answers, but not ready (e.g.
 * waiting for a policy) or, for the gateway, only degraded (e.g. the purpose catalogue not there yet);
 * healthy: fully ready. The launcher started every service, so it waits for all of them.
 */
export type Phase = 'starting' | 'listening' | 'healthy';

export type ReadinessEvent =
  | { kind: 'phase'; service: string; phase: Phase; detail?: string; seconds: number }
  | { kind: 'waiting'; seconds: number; pending: { service: string; phase: Phase }[] };

export interface ReadinessOptions {
  /** Give up when no service has shown any progress (a line, a phase, CPU time) for this long. */
  stallMs: number;
  /** Wait only until each answers at all (a subgraph without a policy answers 503). */
  untilListening?: boolean;
  onEvent?: (event: ReadinessEvent) => void;
  signal?: AbortSignal;
}

// A probe is a refused connection or one /health answer: cheap enough to be at most a fifth of a second late.
const PROBE_INTERVAL_MS = 200;
const SUMMARY_INTERVAL_MS = 15_000;
const LINES_IN_ERRORS = 15;

interface Probe {
  answered: boolean;
  /** Ready, not merely degraded. */
  ok: boolean;
  pid?: number;
  /** Why it is not ready yet, as it says. */
  detail?: string;
}

// Longer than the gateway's wait for a subgraph's readiness (3 s), so a slow subgraph shows as the gateway's reason, not as no answer.
const PROBE_TIMEOUT_MS = 5000;
// One kept-alive connection per service: the launcher probes seven services five times a second while they
// start, on the cores they start on. With WHATWG fetch the launcher spent 0.55-0.64 s of CPU on a warm
// start, with node:http 0.35-0.46 s.
const probeAgent = new Agent({ keepAlive: true, maxSockets: 1 });

interface HealthAnswer {
  status: number;
  body: { pid?: unknown; status?: unknown; reasons?: unknown };
}

function getHealth(service: ServiceProcess): Promise<HealthAnswer> {
  return new Promise((resolve, reject) => {
    const request = get(new URL('/health', service.url), { agent: probeAgent, timeout: PROBE_TIMEOUT_MS }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        let body: HealthAnswer['body'] = {};
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as HealthAnswer['body'];
        } catch {
          // Not a verdict: it answered, and is not ready.
        }
        resolve({ status: response.statusCode ?? 0, body });
      });
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)));
    request.on('error', reject);
  });
}

/** Every service's /health: the readiness verdict (status, reasons) with its pid (observability/readiness.ts in runtime). */
async function probeHealth(service: ServiceProcess): Promise<Probe> {
  try {
    const { status, body } = await getHealth(service);
    const reasons = Array.isArray(body.reasons) ? body.reasons.filter((r) => typeof r === 'string').join('; ') : '';
    return {
      answered: true,
      ok: status >= 200 && status < 300 && body.status === 'ready',
      ...(typeof body.pid === 'number' ? { pid: body.pid } : {}),
      ...(reasons ? { detail: reasons } : typeof body.status === 'string' ? { detail: body.status } : {}),
    };
  } catch {
    return { answered: false, ok: false };
  }
}

export function lastLines(service: ServiceProcess): string {
  const lines = service.output.slice(-LINES_IN_ERRORS);
  return lines.length ? lines.map((line) => `  | ${line}`).join('\n') : '  (it printed nothing)';
}

interface Watch {
  service: ServiceProcess;
  phase: Phase;
  linesSeen: number;
  cpu: number | undefined;
}

/**
 * Waits until every service is healthy, for as long as the platform makes progress: on a busy
 * machine five databases may take minutes to initialise, so there is no total time-out. Fails at once
 * when a service exits, or when its port answers for another process (another platform), and when
 * nothing has progressed for `stallMs`.
 */
export async function waitUntilReady(services: ServiceProcess[], options: ReadinessOptions): Promise<void> {
  const started = Date.now();
  let lastProgress = started;
  let lastSummary = started;
  const watches: Watch[] = services.map((service) => ({ service, phase: 'starting', linesSeen: 0, cpu: undefined }));
  const target: Phase = options.untilListening ? 'listening' : 'healthy';
  const done = (watch: Watch) => watch.phase === 'healthy' || watch.phase === target;
  const seconds = () => Math.round((Date.now() - started) / 100) / 10;

  while (!watches.every(done)) {
    if (options.signal?.aborted) throw new LauncherError('ABORTED', 'start-up interrupted');
    for (const watch of watches.filter((w) => !done(w))) {
      const { service } = watch;
      if (service.child.exitCode !== null || service.child.signalCode !== null) {
        const how = service.child.exitCode === 78 ? 'with a configuration error (exit 78)' : `(${service.child.exitCode ?? service.child.signalCode})`;
        throw new LauncherError('SERVICE_EXITED', `${service.name} exited ${how} while ${watch.phase}; its last lines:\n${lastLines(service)}`);
      }
      const probe = await probeHealth(service);
      if (probe.answered && probe.pid !== service.child.pid) {
        throw new LauncherError(
          'FOREIGN_PROCESS',
          `port ${service.port} answers for another process (pid ${probe.pid ?? 'unknown'}), not ${service.name} (pid ${service.child.pid}): is another platform running?`,
        );
      }
      const phase: Phase = probe.ok ? 'healthy' : probe.answered ? 'listening' : 'starting';
      const cpu = await cpuTicks(service.child.pid!);
      // CPU time counts only before a service answers: once it does, answering our probes costs CPU too.
      const busy = phase === 'starting' && cpu !== undefined && watch.cpu !== undefined && cpu > watch.cpu;
      if (phase !== watch.phase || service.linesSeen !== watch.linesSeen || busy) lastProgress = Date.now();
      if (phase !== watch.phase) {
        options.onEvent?.({ kind: 'phase', service: service.name, phase, ...(probe.detail && !probe.ok ? { detail: probe.detail } : {}), seconds: seconds() });
      }
      Object.assign(watch, { phase, linesSeen: service.linesSeen, cpu });
    }
    const pending = watches.filter((w) => !done(w));
    if (!pending.length) return;
    if (Date.now() - lastProgress > options.stallMs) {
      const named = pending.map((w) => `${w.service.name} (still ${w.phase}); its last lines:\n${lastLines(w.service)}`).join('\n');
      throw new LauncherError('SERVICE_STALLED', `no progress for ${Math.round(options.stallMs / 1000)} s (no output, no CPU time, no change of state):\n${named}`);
    }
    if (Date.now() - lastSummary >= SUMMARY_INTERVAL_MS) {
      lastSummary = Date.now();
      options.onEvent?.({ kind: 'waiting', seconds: seconds(), pending: pending.map((w) => ({ service: w.service.name, phase: w.phase })) });
    }
    await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
  }
}
