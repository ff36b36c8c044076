import { signServiceToken, shipOldest, type ServiceCredential, inBackground, metricsRegistry, type Orm, type Logger } from '@civic/runtime';
import { Gauge, Histogram } from 'prom-client';
import { AuditOutboxEntry } from './AuditOutboxEntry.js';

const BATCH = 200;

const shippedAfterSeconds = new Histogram({
  name: 'civic_audit_outbox_lag_seconds',
  help: 'Time from writing an audit outbox row to its acceptance by the access service',
  buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600],
  registers: [metricsRegistry],
});

/** While shipping fails, nothing is shipped and the histogram is silent: this is what an alert watches. */
const oldestWaitingSeconds = new Gauge({
  name: 'civic_audit_outbox_oldest_age_seconds',
  help: 'Age of the oldest audit outbox row not yet shipped, as of the last shipping run (0 when the outbox is empty)',
  registers: [metricsRegistry],
});

export interface AuditForwarderOptions {
  orm: Orm;
  accessUrl: string;
  /** This service's own credential: the access service takes the caller's identity from it. */
  credential: ServiceCredential;
  intervalMs: number;
  logger: Logger;
}

/**
 * Ships the outbox to the access service's audit trail in batches and deletes what was accepted.
 * While the access service is down, records wait in the outbox; nothing is lost.
 */
export class AuditForwarder {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private failing = false;

  constructor(private readonly options: AuditForwarderOptions) {}

  start(): void {
    this.timer = setInterval(() => this.flush(), this.options.intervalMs);
    this.timer.unref();
  }

  /** Ships until the outbox is empty or the access service refuses; concurrent calls share one run. */
  flush(): Promise<void> {
    this.running ??= inBackground(() => this.shipAll()).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /**
   * Stops shipping on a timer and ships what the outbox holds, for at most `withinMs`; what is left
   * (the access service down or slow) stays in the outbox for the next start.
   */
  async stop(withinMs: number): Promise<void> {
    clearInterval(this.timer);
    // A run under way may have read its last batch before the final requests' rows were written.
    await this.running;
    const deadline = AbortSignal.timeout(withinMs);
    await inBackground(() => this.shipAll(deadline));
    const left = await inBackground(() => this.options.orm.em.fork().count(AuditOutboxEntry));
    if (left > 0) this.options.logger.warn({ records: left }, 'stopping with audit records in the outbox; they are shipped after the next start');
  }

  private async shipAll(deadline?: AbortSignal): Promise<void> {
    try {
      for (;;) {
        deadline?.throwIfAborted();
        const shipped = await shipOldest(this.options.orm, AuditOutboxEntry, BATCH, async (batch) => {
          oldestWaitingSeconds.set((Date.now() - batch[0]!.at.getTime()) / 1000);
          await this.ship(batch, deadline);
          const shippedAt = Date.now();
          for (const entry of batch) shippedAfterSeconds.observe((shippedAt - entry.at.getTime()) / 1000);
        });
        if (shipped < BATCH) break;
      }
      oldestWaitingSeconds.set(0);
      if (this.failing) this.options.logger.info('audit shipping recovered');
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.options.logger.warn({ err: error }, 'cannot ship audit records yet; they stay in the outbox');
      this.failing = true;
    }
  }

  private async ship(batch: AuditOutboxEntry[], deadline: AbortSignal | undefined): Promise<void> {
    const token = await signServiceToken(this.options.credential);
    const response = await fetch(new URL('/internal/audit', this.options.accessUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      // Which subgraph served the reads is not said here: the access service takes it from the token.
      body: JSON.stringify({ requests: batch.map(({ id: _id, subgraph: _subgraph, ...request }) => request) }),
      signal: deadline ? AbortSignal.any([AbortSignal.timeout(10_000), deadline]) : AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`access service answered ${response.status}`);
  }
}
