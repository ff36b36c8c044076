import { nextPollDelay, PollChain, type PollOutcome, type Timers } from '@civic/governance/sync/pollSchedule';

const timing = { intervalMs: 1000, maxBackoffMs: 30_000 };

/** Timers that only record what was scheduled; the test fires them by hand, in order. */
class ManualTimers implements Timers {
  readonly scheduled: { run: () => void; ms: number; cleared: boolean }[] = [];
  setTimeout = (run: () => void, ms: number) => {
    const entry = { run, ms, cleared: false };
    this.scheduled.push(entry);
    return entry;
  };
  clearTimeout = (handle: unknown) => {
    if (handle) (handle as { cleared: boolean }).cleared = true;
  };
  pending() {
    return this.scheduled.filter((entry) => !entry.cleared);
  }
}

/** A poll whose outcomes are scripted, that reports how many runs overlapped. */
function scriptedPoll(outcomes: PollOutcome[]) {
  let running = 0;
  const state = { runs: 0, maxConcurrent: 0, finish: undefined as (() => void) | undefined };
  const poll = async () => {
    running += 1;
    state.maxConcurrent = Math.max(state.maxConcurrent, running);
    await new Promise<void>((resolve) => (state.finish = resolve));
    running -= 1;
    return outcomes[state.runs++] ?? 'succeeded';
  };
  return { poll, state };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('policy poll schedule', () => {
  it('waits the interval after a success', () => {
    expect(nextPollDelay(0, timing, () => 0.99)).toBe(1000);
  });

  it('doubles the wait after each failure, between half and all of it, up to the ceiling', () => {
    const low = [1, 2, 3, 4, 5, 6, 10, 40].map((n) => nextPollDelay(n, timing, () => 0));
    const high = [1, 2, 3, 4, 5, 6, 10, 40].map((n) => nextPollDelay(n, timing, () => 0.999999));
    expect(low).toEqual([1000, 2000, 4000, 8000, 15_000, 15_000, 15_000, 15_000]);
    expect(high).toEqual([2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000, 30_000]);
  });

  it('never waits less than the interval, even with a ceiling below it', () => {
    expect(nextPollDelay(3, { intervalMs: 1000, maxBackoffMs: 10 }, () => 0)).toBe(500);
    expect(nextPollDelay(3, { intervalMs: 1000, maxBackoffMs: 10 }, () => 0.999999)).toBe(1000);
  });

  it('schedules the next poll only once the previous one has ended, so polls never overlap', async () => {
    const timers = new ManualTimers();
    const { poll, state } = scriptedPoll(['failed', 'failed', 'succeeded', 'failed']);
    const chain = new PollChain(poll, timing, timers, () => 0);
    const started = chain.start();
    await settle();
    expect(timers.scheduled).toHaveLength(0);
    state.finish!();
    await started;
    const delays: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const [next] = timers.pending().slice(-1);
      delays.push(next!.ms);
      next!.run();
      await settle();
      // While a poll runs, nothing else is scheduled.
      expect(timers.scheduled).toHaveLength(i + 1);
      state.finish!();
      await settle();
    }
    delays.push(timers.scheduled.at(-1)!.ms);
    expect(delays).toEqual([1000, 2000, 1000, 1000]);
    expect(state.maxConcurrent).toBe(1);
    expect(chain.consecutiveFailures()).toBe(1);
  });

  /** Runs every poll of the script to its end and returns the waits scheduled after each. */
  async function delaysAfter(outcomes: PollOutcome[]): Promise<number[]> {
    const timers = new ManualTimers();
    const script = [...outcomes];
    const chain = new PollChain(async () => script.shift()!, timing, timers, () => 0);
    await chain.start();
    while (script.length) {
      timers.pending().at(-1)!.run();
      await settle();
    }
    return timers.scheduled.map((entry) => entry.ms);
  }

  it('retries a follower that never succeeded at once while nothing listens, without counting it as a failure', async () => {
    // At a platform's start: refused, refused, then the access service answers but fails, then succeeds.
    expect(await delaysAfter(['not-listening', 'not-listening', 'failed', 'succeeded'])).toEqual([100, 100, 1000, 1000]);
  });

  it('backs off from a refused connection once it has succeeded: the last good policy holds meanwhile', async () => {
    expect(await delaysAfter(['succeeded', 'not-listening', 'not-listening', 'not-listening'])).toEqual([1000, 1000, 2000, 4000]);
  });

  it('counts a poll that throws as a failure and stops scheduling once stopped', async () => {
    const timers = new ManualTimers();
    const chain = new PollChain(async () => Promise.reject(new Error('refused')), timing, timers, () => 0);
    await chain.start();
    expect(chain.consecutiveFailures()).toBe(1);
    expect(timers.pending().map((entry) => entry.ms)).toEqual([1000]);
    chain.stop();
    expect(timers.pending()).toHaveLength(0);
  });
});
