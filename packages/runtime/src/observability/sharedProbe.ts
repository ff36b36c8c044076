export interface SharedProbeOptions<T> {
  /** How long a caller waits for a check before the dependency counts as unavailable. */
  timeoutMs: number;
  /** How long a result stands: callers within it get it without a new check. */
  freshMs: number;
  /** The result while a check has not answered `afterMs` after it started, or when it failed with `error`. */
  unavailable: (cause: { afterMs: number } | { error: unknown }) => T;
}

interface Check<T> {
  startedAt: number;
  settled: Promise<T>;
}

/**
 * Checks a dependency on behalf of any number of callers without piling up on it: at most one check
 * is in flight, and a check that outlives its timeout is waited for, never repeated (a frozen database
 * holds one connection, not one per probe); a result is reused for `freshMs`, so a storm of probes
 * costs one check. A caller waits at most `timeoutMs` from the start of the check in flight: once that
 * has passed, callers are told at once that the dependency has not answered for so long.
 */
export class SharedProbe<T> {
  private inFlight: Check<T> | undefined;
  private latest: { at: number; result: T } | undefined;

  constructor(
    private readonly check: () => Promise<T>,
    private readonly options: SharedProbeOptions<T>,
  ) {}

  async result(): Promise<T> {
    if (this.latest && Date.now() - this.latest.at < this.options.freshMs) return this.latest.result;
    const check = (this.inFlight ??= this.start());
    const answered = await settledWithin(check.settled, check.startedAt + this.options.timeoutMs - Date.now());
    if (answered.done) return answered.value;
    // Not answered within its time-out, however Date.now() reads: a timer counts from the start of the
    // event loop's turn, so it may fire a millisecond before Date.now() says its delay has passed.
    const afterMs = Math.max(this.options.timeoutMs, Date.now() - check.startedAt);
    return this.remember(this.options.unavailable({ afterMs }));
  }

  private start(): Check<T> {
    const run = async () => {
      try {
        return await this.check();
      } catch (error) {
        return this.options.unavailable({ error });
      }
    };
    const settled = run().then((result) => {
      this.inFlight = undefined;
      return this.remember(result);
    });
    return { startedAt: Date.now(), settled };
  }

  private remember(result: T): T {
    this.latest = { at: Date.now(), result };
    return result;
  }
}

async function settledWithin<T>(work: Promise<T>, ms: number): Promise<{ done: true; value: T } | { done: false }> {
  if (ms <= 0) return { done: false };
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ done: false }>((resolve) => (timer = setTimeout(() => resolve({ done: false }), ms)));
  try {
    return await Promise.race([work.then((value) => ({ done: true as const, value })), late]);
  } finally {
    clearTimeout(timer);
  }
}
