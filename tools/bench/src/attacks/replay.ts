import { nodeService, startCostWindow, untilIdle, type MeasuredService } from '../measure.js';
import type { Attack, AttackTarget } from './catalogue.js';

/** What one attack got back, how fast, what it cost the platform, and what bystanders saw meanwhile. */
export interface AttackOutcome {
  name: string;
  status: number;
  code: string;
  asExpected: boolean;
  medianMs: number;
  /** CPU the gateway and the subgraphs spent per refused attack. */
  cpuMsPerAttack: number;
  /** p95 latency of an ordinary query sent while the attack was being refused. */
  bystanderP95Ms: number;
}

const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? 0;

async function codeOf(response: Response): Promise<string> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] };
    return body.errors?.[0]?.extensions?.code ?? (body.errors ? '(no code)' : '(no error)');
  } catch {
    return '(not JSON)';
  }
}

/** Sends an ordinary query in a loop until stopped, recording each latency. */
function bystander(target: AttackTarget): { stop: () => Promise<number[]> } {
  const latencies: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const response = await fetch(target.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${target.tokens.policeDuty}` },
        body: JSON.stringify({ query: '{ incidents(first: 10) { edges { node { id status building { id } } } } }' }),
      });
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return latencies;
    },
  };
}

export async function bystanderBaseline(target: AttackTarget, ms: number): Promise<number> {
  const alone = bystander(target);
  await new Promise((r) => setTimeout(r, ms));
  return quantile(await alone.stop(), 0.95);
}

async function sendRepeatedly(attack: Attack, target: AttackTarget, repetitions: number) {
  const times: number[] = [];
  let status = 0;
  let code = '';
  for (let i = 0; i < repetitions; i++) {
    const started = performance.now();
    const response = await attack.send(target);
    code = await codeOf(response);
    status = response.status;
    times.push(performance.now() - started);
  }
  return { times, status, code };
}

/**
 * Two passes: the attack alone (its answer, latency and CPU cost per attack, nothing else running),
 * then the attack again while an ordinary query runs in a loop beside it (what other users see).
 */
export async function replay(attack: Attack, target: AttackTarget, services: MeasuredService[], defaultRepetitions: number): Promise<AttackOutcome> {
  const repetitions = attack.repetitions ?? defaultRepetitions;
  await untilIdle(services);
  const window = await startCostWindow(services);
  const { times, status, code } = await sendRepeatedly(attack, target, repetitions);
  const costs = await window.finish();
  await untilIdle(services);
  const others = bystander(target);
  await sendRepeatedly(attack, target, repetitions);
  const bystanderLatencies = await others.stop();
  return {
    name: attack.name,
    status,
    code,
    asExpected: status === attack.expected.status && (attack.expected.code === undefined || code === attack.expected.code),
    medianMs: quantile(times, 0.5),
    cpuMsPerAttack: costs.services.reduce((sum, s) => sum + s.cpuMs, 0) / repetitions,
    bystanderP95Ms: quantile(bystanderLatencies, 0.95),
  };
}

export function platformServices(pids: Record<string, number>): MeasuredService[] {
  return Object.entries(pids).map(([name, pid]) => nodeService(name, pid));
}
