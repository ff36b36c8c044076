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
 * What one poll came to. `not-listening`: the connection was refused, so nothing listens on the
 * followed service's port yet (it is starting, or stopped).
 */
export type PollOutcome = 'succeeded' | 'failed' | 'not-listening';

/**
 * The wait before retrying a follower that has never succeeded when the followed service is not
 * listening: at a platform's start every follower comes up before the access service does, and while it
 * has received nothing it denies every classified field. A refused connection costs the followed service
 * nothing, so there is nothing to back off from; and it does not count as a failure, so the first
 * answers that do fail (a service still warming up) are backed off from as usual.
 */
export const NOT_LISTENING_RETRY_MS = 100;

/**
 * Runs `poll` now and then again and again, each time `nextPollDelay` after the previous run ended.
 * `poll` must not throw (a throw counts as a failure).
 */
export class PollChain {
  private failures = 0;
  private succeededOnce = false;
  private handle: unknown;
  private stopped = false;

  constructor(
    private readonly poll: () => Promise<PollOutcome>,
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
    const outcome = await this.poll().catch((): PollOutcome => 'failed');
    if (this.stopped) return;
    this.handle = this.timers.setTimeout(() => void this.runOnce(), this.delayAfter(outcome));
  }

  private delayAfter(outcome: PollOutcome): number {
    if (outcome === 'not-listening' && !this.succeededOnce) return Math.min(NOT_LISTENING_RETRY_MS, this.timing.intervalMs);
    this.succeededOnce ||= outcome === 'succeeded';
    this.failures = outcome === 'succeeded' ? 0 : this.failures + 1;
    return nextPollDelay(this.failures, this.timing, this.random);
  }
}
