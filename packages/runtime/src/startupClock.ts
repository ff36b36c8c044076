/**
 * Where a service's start-up time goes, phase by phase, for its "ready" log line: after a crash the
 * start-up is the outage, so it must be visible without a profiler (`npm run bench:restart` reads it).
 * Each phase has its wall time and its CPU time: on a busy machine the wall time mostly says how long
 * the process waited for a core, the CPU time what the phase itself costs.
 */
export interface StartupSummary {
  /** From the process's start (node's time origin) to the clock's creation: mostly loading modules. */
  beforeStartMs: number;
  beforeStartCpuMs: number;
  phasesMs: Record<string, number>;
  phasesCpuMs: Record<string, number>;
  sinceProcessStartMs: number;
  cpuMs: number;
}

const cpuMsNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

export class StartupClock {
  private readonly phasesMs: Record<string, number> = {};
  private readonly phasesCpuMs: Record<string, number> = {};
  private last = performance.now();
  private lastCpu = cpuMsNow();
  private readonly beforeStartMs = Math.round(this.last);
  private readonly beforeStartCpuMs = Math.round(this.lastCpu);

  /** Records the time since the previous mark as `phase`. */
  mark(phase: string): void {
    const now = performance.now();
    const cpu = cpuMsNow();
    this.phasesMs[phase] = Math.round(now - this.last);
    this.phasesCpuMs[phase] = Math.round(cpu - this.lastCpu);
    this.last = now;
    this.lastCpu = cpu;
  }

  summary(): StartupSummary {
    return {
      beforeStartMs: this.beforeStartMs,
      beforeStartCpuMs: this.beforeStartCpuMs,
      phasesMs: { ...this.phasesMs },
      phasesCpuMs: { ...this.phasesCpuMs },
      sinceProcessStartMs: Math.round(performance.now()),
      cpuMs: Math.round(cpuMsNow()),
    };
  }
}
