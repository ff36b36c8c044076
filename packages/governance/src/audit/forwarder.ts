import { signServiceToken } from '@civic/runtime';
import type { Orm } from '@civic/runtime';
import type { Logger } from '@civic/runtime';
import { inBackground } from '@civic/runtime';
import { AuditOutboxEntry } from './AuditOutboxEntry.js';

const BATCH = 200;

export interface AuditForwarderOptions {
  orm: Orm;
  accessUrl: string;
  secret: string;
  service: string;
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

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private async shipAll(): Promise<void> {
    const em = this.options.orm.em.fork();
    try {
      for (;;) {
        const batch = await em.find(AuditOutboxEntry, {}, { orderBy: { id: 'asc' }, limit: BATCH });
        if (batch.length === 0) break;
        await this.ship(batch);
        // By exact ids: a concurrent insert may commit a lower id after this batch was read.
        await em.nativeDelete(AuditOutboxEntry, { id: { $in: batch.map((entry) => entry.id) } });
        em.clear();
        if (batch.length < BATCH) break;
      }
      if (this.failing) this.options.logger.info('audit shipping recovered');
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.options.logger.warn({ err: error }, 'cannot ship audit records yet; they stay in the outbox');
      this.failing = true;
    }
  }

  private async ship(batch: AuditOutboxEntry[]): Promise<void> {
    const token = await signServiceToken(this.options.secret, this.options.service);
    const response = await fetch(new URL('/internal/audit', this.options.accessUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ requests: batch.map(({ id: _id, ...request }) => request) }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`access service answered ${response.status}`);
  }
}
