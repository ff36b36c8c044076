import { signServiceToken, shipOldest, type ServiceCredential, inBackground, metricsRegistry, type Orm, type Logger } from '@civic/runtime';
import type { EntityManager, EventSubscriber, TransactionEventArgs } from '@mikro-orm/core';
import { Histogram } from 'prom-client';
import { LiveEventEntry } from './LiveEventEntry.js';

const BATCH = 500;
const SHIP_TIMEOUT_MS = 10_000;

const shippedAfterSeconds = new Histogram({
  name: 'civic_live_outbox_lag_seconds',
  help: 'Time from a change committing its live event to the live service accepting it',
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 30, 300],
  registers: [metricsRegistry],
});

export interface LiveEventForwarderOptions {
  orm: Orm;
  subgraph: string;
  /** The live service's base URL (LIVE_URL). */
  liveUrl: string;
  /** This subgraph's own credential: the live service takes the event's source from it. */
  credential: ServiceCredential;
  /** The safety net's period: events a process wrote but did not ship (it died) are found within it. */
  intervalMs: number;
  logger: Logger;
}

/**
 * Wakes the forwarder when a transaction that wrote live events commits, so they ship at once without
 * polling the outbox many times a second (that cost every idle subgraph about 40 CPU-ms a second). A
 * savepoint's release is not a commit: its events are not visible to the forwarder yet.
 */
class ShipOnCommit implements EventSubscriber<LiveEventEntry> {
  private readonly wroteEvents = new WeakSet<EntityManager>();

  constructor(private readonly wake: () => void) {}

  getSubscribedEntities() {
    return [LiveEventEntry];
  }

  afterCreate({ em }: { em: EntityManager }): void {
    this.wroteEvents.add(em);
  }

  afterTransactionCommit({ em, transaction }: TransactionEventArgs): void {
    if (!this.wroteEvents.has(em) || (transaction && typeof transaction === 'object' && 'savepointName' in transaction)) return;
    this.wroteEvents.delete(em);
    this.wake();
  }
}

/**
 * Ships the live outbox to the live service in order and deletes what it accepted. While the live
 * service is down, events wait here; a shipment whose answer was lost is shipped again, and the live
 * service drops the duplicates by (source, outbox id): at-least-once, never lost.
 */
export class LiveEventForwarder {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  /** A commit arrived while shipping: its events may be after the batch being shipped, so ship again. */
  private again = false;
  private failing = false;

  constructor(private readonly options: LiveEventForwarderOptions) {}

  start(): void {
    this.options.orm.em.getEventManager().registerSubscriber(new ShipOnCommit(() => void this.flush()));
    this.timer = setInterval(() => void this.flush(), this.options.intervalMs);
    this.timer.unref();
  }

  flush(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = inBackground(() => this.shipAll()).finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        void this.flush();
      }
    });
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    await this.flush();
  }

  private async shipAll(): Promise<void> {
    try {
      for (;;) {
        const shipped = await shipOldest(this.options.orm, LiveEventEntry, BATCH, async (batch) => {
          await this.ship(batch);
          const shippedAt = Date.now();
          for (const entry of batch) shippedAfterSeconds.observe((shippedAt - entry.occurredAt.getTime()) / 1000);
        });
        if (shipped < BATCH) break;
      }
      if (this.failing) this.options.logger.info('live event shipping recovered');
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.options.logger.warn({ err: error }, 'cannot ship live events yet; they stay in the outbox');
      this.failing = true;
    }
  }

  private async ship(batch: LiveEventEntry[]): Promise<void> {
    const token = await signServiceToken(this.options.credential);
    const events = batch.map(({ id, kind, recordId, gridCode, occurredAt }) => ({ sourceId: id, kind, recordId, gridCode, occurredAt: occurredAt.toISOString() }));
    const response = await fetch(new URL('/internal/events', this.options.liveUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events }),
      signal: AbortSignal.timeout(SHIP_TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`live service answered ${response.status}`);
  }
}
