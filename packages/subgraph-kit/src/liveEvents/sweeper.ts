import { inBackground, type EntityManager, type Logger, type Orm } from '@civic/runtime';

/**
 * A periodic check for changes no mutation makes, only time: stock nearing its expiry day. It records
 * its live events through `em` (recordLiveEvent) and marks what it reported in the same transaction, so
 * that each change is reported once, whichever replica sweeps first. Returns how many it reported.
 */
export interface LiveSweep {
  name: string;
  run: (em: EntityManager) => Promise<number>;
}

/** Runs a subgraph's sweeps at start and then every `intervalMs`, one at a time, each in its own transaction. */
export class LiveSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly orm: Orm,
    private readonly sweeps: LiveSweep[],
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    void this.sweepAll();
    this.timer = setInterval(() => void this.sweepAll(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private sweepAll(): Promise<void> {
    this.running ??= inBackground(async () => {
      for (const sweep of this.sweeps) {
        try {
          const reported = await this.orm.em.fork().transactional((em) => sweep.run(em as EntityManager));
          if (reported > 0) this.logger.info({ sweep: sweep.name, reported }, 'live sweep reported changes');
        } catch (error) {
          // The next tick tries again; nothing was marked as reported, since the transaction rolled back.
          this.logger.warn({ err: error, sweep: sweep.name }, 'live sweep failed; retrying at the next interval');
        }
      }
    }).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }
}
