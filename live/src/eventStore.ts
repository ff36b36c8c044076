import { GraphQLError } from 'graphql';

/** A change as a subgraph reported it, numbered by the event store: `id` grows with every event, for every feed. */
export interface LiveEvent {
  id: number;
  /** The subgraph that committed the change (from its service credential, never from the body). */
  source: string;
  /** The subgraph's outbox id: a shipment sent again is recognised by (source, sourceId). */
  sourceId: number;
  kind: string;
  recordId: string;
  gridCode: string;
  occurredAt: string;
}

export type IncomingEvent = Omit<LiveEvent, 'id' | 'source'>;

export interface StoreListener {
  event: (event: LiveEvent) => void;
  /** The store can no longer tell what happens (NATS lost): each subscription ends, and its client resumes with since. */
  broken: (error: GraphQLError) => void;
}

/**
 * Where accepted events are kept and numbered, and from where every subscription hears of them: the
 * file log of this process (the default), or a NATS JetStream stream shared by every replica (NATS_URL),
 * whose sequence numbers are the event ids, so a client may resume on any replica.
 */
export interface EventStore {
  /** The last event this process has heard of: where a subscription without since starts. */
  readonly lastId: number;
  /** Whether shipments are accepted and subscriptions served now (readiness). */
  readonly available: boolean;
  /** Keeps what is new (dropping events already kept), in order; resolves, with how many were new, once they are durable. */
  append(source: string, incoming: IncomingEvent[]): Promise<number>;
  /** The events after `since`, oldest first; an id this store cannot honour without a gap is refused. */
  after(since: number): Promise<LiveEvent[]>;
  listen(listener: StoreListener): () => void;
  close(): Promise<void>;
}

/** The store cannot take events now; the subgraph keeps them in its outbox and ships them again. */
export class EventStoreUnavailable extends Error {}

export function eventIdRefused(detail: string): GraphQLError {
  return new GraphQLError(`since: ${detail}; subscribe again without "since" and reload the current state with a query`, { extensions: { code: 'BAD_USER_INPUT', field: 'since' } });
}

/**
 * Whether `since` can be resumed from a store holding events `first` to `last` (first is last + 1 when
 * it holds none): an id newer than any event (a lost store) or older than the window would leave a gap.
 */
export function checkSince(since: number, first: number, last: number, window: string): void {
  if (since > last) throw eventIdRefused(`event ${since} is not known here (the last is ${last})`);
  if (since < first - 1) throw eventIdRefused(`event ${since} is older than the ${window} kept (the oldest is ${first})`);
}
