import { SharedProbe } from '@civic/runtime';
import { gatewayReadiness, subgraphViewOf, type SubgraphView } from '@civic/gateway/health';

type Result = { state: 'up' } | { state: 'down'; reason: string };

/** A dependency whose checks the test answers by hand, counting how many were started. */
function dependency() {
  const pending: ((result: Result) => void)[] = [];
  return {
    started: () => pending.length,
    check: () => new Promise<Result>((resolve) => pending.push(resolve)),
    answer: (result: Result) => pending.forEach((resolve) => resolve(result)),
  };
}

const unavailable = (cause: { afterMs: number } | { error: unknown }): Result =>
  'afterMs' in cause ? { state: 'down', reason: `no answer after ${cause.afterMs} ms` } : { state: 'down', reason: String(cause.error) };

/** Settles with `late` unless `work` has settled before the event loop's next turn (no timer involved). */
const atOnce = <T>(work: Promise<T>) => Promise.race([work, new Promise<'late'>((resolve) => setImmediate(() => resolve('late')))]);

describe('a probe shared by every caller', () => {
  it('costs one check for a storm of callers, whose result stands until it is no longer fresh', async () => {
    const db = dependency();
    const probe = new SharedProbe(db.check, { timeoutMs: 60_000, freshMs: 60_000, unavailable });
    const storm = Array.from({ length: 50 }, () => probe.result());
    db.answer({ state: 'up' });
    expect(new Set(await Promise.all(storm))).toEqual(new Set([{ state: 'up' }]));
    expect(await probe.result()).toEqual({ state: 'up' });
    expect(db.started()).toBe(1);

    const stale = new SharedProbe(db.check, { timeoutMs: 60_000, freshMs: 1, unavailable });
    const first = stale.result();
    db.answer({ state: 'up' });
    await first;
    await new Promise((resolve) => setTimeout(resolve, 20));
    const again = stale.result();
    expect(db.started()).toBe(3);
    db.answer({ state: 'up' });
    await again;
  });

  it('reports a check that does not answer as down, never starts a second one meanwhile, and answers at once past the timeout', async () => {
    const db = dependency();
    const probe = new SharedProbe(db.check, { timeoutMs: 100, freshMs: 0, unavailable });
    const first = await probe.result();
    expect(first).toEqual({ state: 'down', reason: expect.stringMatching(/^no answer after \d+ ms$/) });
    expect(Number(/(\d+) ms/.exec((first as { reason: string }).reason)![1])).toBeGreaterThanOrEqual(100);
    const storm = await Promise.all(Array.from({ length: 20 }, () => atOnce(probe.result())));
    expect(storm.every((result) => result !== 'late' && result.state === 'down')).toBe(true);
    expect(db.started()).toBe(1);

    // The frozen dependency thaws: the check in flight answers, and the next caller starts a fresh one.
    db.answer({ state: 'up' });
    await new Promise((resolve) => setImmediate(resolve));
    const after = probe.result();
    db.answer({ state: 'up' });
    expect(await after).toEqual({ state: 'up' });
    expect(db.started()).toBe(2);
  });

  it('turns a check that fails into the unavailable result', async () => {
    const probe = new SharedProbe<Result>(() => Promise.reject(new Error('ECONNREFUSED')), { timeoutMs: 1000, freshMs: 0, unavailable });
    expect(await probe.result()).toEqual({ state: 'down', reason: 'Error: ECONNREFUSED' });
  });
});

describe("a subgraph's readiness as the gateway reads it", () => {
  it('tells a database down from a missing policy from any other reason, keeping the reasons', () => {
    expect(subgraphViewOf(200, {})).toEqual({ state: 'up', reasons: [] });
    expect(subgraphViewOf(503, { database: { state: 'down', reason: 'no answer after 2000 ms' }, reasons: ['database: no answer after 2000 ms'] })).toEqual({
      state: 'database down',
      reasons: ['database: no answer after 2000 ms'],
    });
    expect(subgraphViewOf(503, { database: { state: 'up' }, policy: { state: 'none', reason: 'x' }, reasons: ['policy: x'] })).toEqual({ state: 'no policy', reasons: ['policy: x'] });
    expect(subgraphViewOf(502, {})).toEqual({ state: 'not ready', reasons: ['answered 502'] });
  });
});

describe("the gateway's readiness by capability", () => {
  const up: SubgraphView = { state: 'up', reasons: [] };
  const down: SubgraphView = { state: 'down', reasons: ['could not be reached'] };
  const all = (overrides: Record<string, SubgraphView> = {}) => ({ population: up, buildings: up, incidents: up, resources: up, access: up, ...overrides });
  const verdict = (overrides: Record<string, SubgraphView> = {}, purposesKnown = true, accepting = true) =>
    gatewayReadiness({ accepting, purposesKnown, subgraphs: all(overrides) });

  it('is ready when every subgraph is and the purpose catalogue is known', () => {
    expect(verdict()).toEqual({ status: 'ready', gateway: 'up', subgraphs: { population: 'up', buildings: 'up', incidents: 'up', resources: 'up', access: 'up' }, reasons: [] });
  });

  it('is degraded, naming what is missing, while only the access service or its purpose catalogue is', () => {
    const accessDown = verdict({ access: down });
    expect(accessDown.status).toBe('degraded');
    expect(accessDown.subgraphs.access).toBe('down');
    expect(accessDown.reasons).toEqual([
      'access: down (could not be reached); sharing, policy editing and audit queries are unavailable; data queries work with the policy each subgraph last received',
    ]);
    const noCatalogue = verdict({}, false);
    expect(noCatalogue.status).toBe('degraded');
    expect(noCatalogue.reasons).toEqual([expect.stringMatching(/^purpose catalogue: .*requests stating a purpose \(x-access-purpose\) are refused/)]);
  });

  it('is not ready when a data subgraph is not, whatever its state, or when the gateway stops, naming each', () => {
    const cases: [Record<string, SubgraphView>, string][] = [
      [{ incidents: down }, 'incidents: down (could not be reached); its data cannot be served'],
      [{ buildings: { state: 'database down', reasons: ['database: no answer after 2000 ms'] } }, 'buildings: database down (database: no answer after 2000 ms); its data cannot be served'],
      [{ population: { state: 'no policy', reasons: ['policy: none'] } }, 'population: no policy (policy: none); its data cannot be served'],
    ];
    for (const [overrides, reason] of cases) {
      const result = verdict(overrides);
      expect({ status: result.status, reason: result.reasons[0] }).toEqual({ status: 'not ready', reason });
    }
    const both = verdict({ incidents: down, access: down });
    expect(both.status).toBe('not ready');
    expect(both.reasons.map((r) => r.split(':')[0])).toEqual(['incidents', 'access']);
    expect(verdict({}, true, false)).toMatchObject({ status: 'not ready', gateway: 'stopping', reasons: ['gateway: stopping; it takes no new requests'] });
  });
});
