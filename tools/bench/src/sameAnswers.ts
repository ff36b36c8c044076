import type { RunTarget } from './runner.js';
import { WORKLOADS, type WorkloadName } from './workloads.js';

/** Where two GraphQL `data` values first differ, as a path like `residents.edges[3].node.phone`; undefined when equal. */
export function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
  const here = path || '(data)';
  if (a === b) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return here;
  if (Array.isArray(a) !== Array.isArray(b)) return here;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= a.length || i >= b.length) return `${path}[${i}]`;
      const difference = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (difference) return difference;
    }
    return undefined;
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  // Key order is not part of the answer's meaning; the keys present and their values are.
  for (const key of new Set([...Object.keys(left), ...Object.keys(right)])) {
    const child = path ? `${path}.${key}` : key;
    if (!(key in left) || !(key in right)) return child;
    const difference = firstDifference(left[key], right[key], child);
    if (difference) return difference;
  }
  return undefined;
}

async function answerOf(url: string, body: string, token: string): Promise<{ data?: unknown; errors?: unknown[] }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
  const text = await response.text();
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as { data?: unknown; errors?: unknown[] };
}

/**
 * A comparison of speed means something only if both sides give the same answer: each distinct request
 * of the workload once to each target (each with its own token for the same caller), and their `data`
 * must be equal, or this throws with where they first differ.
 */
export async function checkSameAnswers(workload: WorkloadName, a: RunTarget, b: RunTarget): Promise<void> {
  for (const request of new Map(WORKLOADS[workload].requests.map((r) => [r.body + r.caller, r])).values()) {
    const [left, right] = [await answerOf(a.url, request.body, a.tokens[request.caller]), await answerOf(b.url, request.body, b.tokens[request.caller])];
    if (left.errors || right.errors) {
      throw new Error(`workload (${workload}): errors in the answer check: ${a.target} ${JSON.stringify(left.errors ?? [])}, ${b.target} ${JSON.stringify(right.errors ?? [])}`);
    }
    const difference = firstDifference(left.data, right.data);
    if (difference !== undefined) {
      const keys = difference === '(data)' ? [] : difference.split(/[.[\]]/).filter(Boolean);
      const at = (data: unknown) => String(JSON.stringify(keys.reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], data))).slice(0, 200);
      throw new Error(`workload (${workload}): ${a.target} and ${b.target} answer differently at ${difference}: ${at(left.data)} vs ${at(right.data)}; the comparison would measure different work`);
    }
  }
}
