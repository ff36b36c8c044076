import { GraphQLError, type GraphQLFieldResolver, type GraphQLResolveInfo } from 'graphql';
import type { Identity } from '@civic/runtime';
import { Histogram } from 'prom-client';
import { metricsRegistry } from '@civic/runtime';
import { DeliveryRefused, deliveryQuery, fetchDelivery, type DeliveryQuery, type Subscriber } from './delivery.js';
import type { EventStore, LiveEvent } from './eventStore.js';
import type { FeedDefinition } from './feeds.js';

const commitToDelivery = new Histogram({
  name: 'civic_live_delivery_seconds',
  help: 'Time from a change (its event written in the subgraph transaction) to its delivery to a subscriber',
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 30],
  registers: [metricsRegistry],
});

/** Who subscribed: their token and stated purpose go with every delivery's fetch. */
export interface LiveContext extends Subscriber {
  identity: Identity;
}

export interface FeedSettings {
  store: EventStore;
  gatewayUrl: string;
  fetchTimeoutMs: number;
  /** Every open subscription, so that a stopping service can end them (clients resume elsewhere with since). */
  open: Set<FeedIterator>;
  /** Events waiting for one slow subscriber before it is ended (it resumes with since). */
  maxBacklog: number;
}

export type FeedPayload = { event: LiveEvent; fetched: Record<string, unknown> } | { error: GraphQLError };

function parseSince(since: unknown, store: EventStore): number {
  if (since === undefined || since === null) return store.lastId;
  if (typeof since !== 'string' || !/^\d{1,15}$/.test(since)) throw new GraphQLError('since: must be an eventId received from this feed', { extensions: { code: 'BAD_USER_INPUT', field: 'since' } });
  return Number(since);
}

/**
 * What a subscription takes first: the events after `since` read from the store, then those heard
 * while they were read, without the ones the read already holds (a replica may hear an event later
 * than the stream has it, or earlier than the read reaches).
 */
export function resumeQueue(since: number, backlog: LiveEvent[], heardMeanwhile: LiveEvent[]): LiveEvent[] {
  const upTo = Math.max(since, backlog.at(-1)?.id ?? since);
  return [...backlog, ...heardMeanwhile.filter((event) => event.id > upTo)];
}

/**
 * One subscription: the events after `since` (from the store), then each new one, in order; for each
 * that passes the grid filter, the record is fetched through the gateway as the subscriber, and only a
 * record they may see is delivered. Written as an iterator, not an async generator, so that a client
 * leaving ends it at once even while it waits for the next event.
 */
export class FeedIterator implements AsyncIterableIterator<FeedPayload> {
  private pending: LiveEvent[] = [];
  private wake: (() => void) | undefined;
  private closed = false;
  private failed: GraphQLError | undefined;
  private readonly unlisten: () => void;

  private constructor(
    private readonly settings: FeedSettings,
    private readonly feed: FeedDefinition,
    private readonly filter: Record<string, unknown>,
    private readonly subscriber: Subscriber,
    private readonly delivery: DeliveryQuery,
  ) {
    this.unlisten = settings.store.listen({ event: (event) => this.arrived(event), broken: (error) => this.fail(error) });
    settings.open.add(this);
  }

  /** Listening before reading the store: nothing is missed between them, and resumeQueue drops what is doubled. */
  static async open(settings: FeedSettings, feed: FeedDefinition, filter: Record<string, unknown>, subscriber: Subscriber, delivery: DeliveryQuery, since: number): Promise<FeedIterator> {
    const iterator = new FeedIterator(settings, feed, filter, subscriber, delivery);
    try {
      iterator.pending = resumeQueue(since, await settings.store.after(since), iterator.pending);
    } catch (error) {
      iterator.close();
      throw error;
    }
    return iterator;
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  async next(): Promise<IteratorResult<FeedPayload>> {
    while (!this.closed) {
      if (this.failed) {
        // The error is the last result; the client resumes from its last event id.
        const error = this.failed;
        this.close();
        return { value: { error }, done: false };
      }
      const event = this.pending.shift();
      if (!event) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        continue;
      }
      try {
        const payload = await this.deliver(event);
        if (payload) return { value: payload, done: false };
      } catch (error) {
        this.failed = asGraphqlError(error);
      }
    }
    return { value: undefined, done: true };
  }

  async return(): Promise<IteratorResult<FeedPayload>> {
    this.close();
    return { value: undefined, done: true };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unlisten();
    this.settings.open.delete(this);
    this.wake?.();
  }

  private arrived(event: LiveEvent): void {
    if (this.pending.length >= this.settings.maxBacklog) {
      this.fail(new GraphQLError(`this subscription fell ${this.settings.maxBacklog} events behind and was ended; resume with since`, { extensions: { code: 'SUBSCRIPTION_BEHIND', retryable: true } }));
    } else this.pending.push(event);
    this.wake?.();
  }

  private fail(error: GraphQLError): void {
    this.failed ??= error;
    this.wake?.();
  }

  private async deliver(event: LiveEvent): Promise<FeedPayload | undefined> {
    if (!event.kind.startsWith(this.feed.kindPrefix) || event.source !== this.feed.source) return undefined;
    const prefix = this.filter.gridCodePrefix;
    if (typeof prefix === 'string' && !event.gridCode.startsWith(prefix)) return undefined;
    const fetched = await fetchDelivery(this.settings.gatewayUrl, this.subscriber, this.delivery, event.recordId, this.settings.fetchTimeoutMs);
    if (!fetched.visible || !this.feed.passes(this.filter, fetched.filterValues)) return undefined;
    commitToDelivery.observe((Date.now() - Date.parse(event.occurredAt)) / 1000);
    return { event, fetched: fetched.data };
  }
}

function asGraphqlError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  if (error instanceof DeliveryRefused) {
    return new GraphQLError(`The delivery could not be fetched through the graph: ${error.message}; resume with since`, { extensions: { code: error.code, retryable: error.retryable } });
  }
  return new GraphQLError('The delivery failed; resume with since', { extensions: { code: 'INTERNAL_SERVER_ERROR', retryable: true } });
}

/** The Subscription field's subscribe function: validates since, then opens the feed. */
export function subscribeTo(settings: FeedSettings, feed: FeedDefinition): GraphQLFieldResolver<unknown, LiveContext> {
  return (_root, args: { filter?: Record<string, unknown> | null; since?: string | null }, context, info: GraphQLResolveInfo) => {
    const since = parseSince(args.since, settings.store);
    return FeedIterator.open(settings, feed, args.filter ?? {}, context, deliveryQuery(feed, info), since);
  };
}

/** Each payload becomes the event; an error payload becomes the subscription's last result. */
export function resolvePayload(payload: FeedPayload): FeedPayload {
  if ('error' in payload) throw payload.error;
  return payload;
}

/** Fields of the delivered record are keyed by response key (aliases included), as the gateway answered them. */
export const byResponseKey: GraphQLFieldResolver<unknown, unknown> = (source, _args, _context, info) => (source as Record<string, unknown> | null)?.[info.path.key as string];
