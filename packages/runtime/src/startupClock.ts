/**
 * Where a service's start-up time goes, phase by phase, for its "ready" log line: after a crash the
 * start-up is the outage, so it must be visible without a profiler (`npm run bench:restart` reads it).
 */
export class StartupClock {
  private readonly phases: Record<string, number> = {};
  private last = performance.now();

  /** Milliseconds from the process's start (node's own time origin) to the clock's creation: mostly module loading. */
  readonly beforeStartMs = Math.round(this.last);

  /** Records the time since the previous mark as `phase`. */
  mark(phase: string): void {
    const now = performance.now();
    this.phases[phase] = Math.round(now - this.last);
    this.last = now;
  }

  /** The phases so far, and the time from the process's start (`sinceProcessStartMs`). */
  summary(): { beforeStartMs: number; phasesMs: Record<string, number>; sinceProcessStartMs: number } {
    return { beforeStartMs: this.beforeStartMs, phasesMs: { ...this.phases }, sinceProcessStartMs: Math.round(performance.now()) };
  }
}
