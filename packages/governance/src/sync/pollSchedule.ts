/**
 * When the next policy poll starts. Polls never overlap: the next one is scheduled only once the
 * previous one has ended (a chain of timeouts, not an interval), so a slow access service sees one
 * poll per follower at a time instead of a pile of them. After a failure the wait doubles up to a
 * ceiling, with jitter, so that followers that failed together do not all come back together.
 */
export interface PollTiming {
  /** The wait after a poll that succeeded (POLICY_POLL_MS). */
  intervalMs: number;
  /** The longest wait after failures (POLICY_POLL_MAX_BACKOFF_MS). */
  maxBackoffMs: number;
}

/**
 * The wait before the next poll after `failures` consecutive failures (0: the last poll succeeded).
 * Failure n waits a random time between half and all of min(max, interval * 2^n) ("equal jitter"):
 * never less than half, so a follower does not hammer a struggling service, never more than the ceiling.
 * `random` is in [0, 1).
 */
export function nextPollDelay(failures: number, timing: PollTiming, random: () => number = Math.random): number {
  if (failures <= 0) return timing.intervalMs;
  const ceiling = Math.max(timing.intervalMs, timing.maxBackoffMs);
  // 2^30 already exceeds any ceiling; a larger exponent would only overflow.
  const backoff = Math.min(ceiling, timing.intervalMs * 2 ** Math.min(failures, 30));
  return Math.round(backoff / 2 + random() * (backoff / 2));
}

/** Timers, injectable so that the schedule can be driven step by step in a test. */
export interface Timers {
  setTimeout: (run: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

export const nodeTimers: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Runs `poll` now and then again and again, each time `nextPollDelay` after the previous run ended.
 * `poll` resolves true on success and false on failure; it must not throw (a throw counts as a failure).
 */
export class PollChain {
  private failures = 0;
  private handle: unknown;
  private stopped = false;

  constructor(
    private readonly poll: () => Promise<boolean>,
    private readonly timing: PollTiming,
    private readonly timers: Timers = nodeTimers,
    private readonly random: () => number = Math.random,
  ) {}

  /** Runs the first poll and resolves once it has ended; the chain goes on from there. */
  async start(): Promise<void> {
    await this.runOnce();
  }

  stop(): void {
    this.stopped = true;
    this.timers.clearTimeout(this.handle);
  }

  /** Consecutive failures so far (0 after a success). */
  consecutiveFailures(): number {
    return this.failures;
  }

  private async runOnce(): Promise<void> {
    const succeeded = await this.poll().catch(() => false);
    this.failures = succeeded ? 0 : this.failures + 1;
    if (this.stopped) return;
    this.handle = this.timers.setTimeout(() => void this.runOnce(), nextPollDelay(this.failures, this.timing, this.random));
  }
}
