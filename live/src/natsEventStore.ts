import { GraphQLError } from 'graphql';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { DeliverPolicy, DiscardPolicy, JetStreamApiError, jetstream, jetstreamManager, RetentionPolicy, StorageType, type JetStreamClient, type JetStreamManager, type JsMsg, type StreamConfig } from '@nats-io/jetstream';
import { ConfigError, type Logger } from '@civic/runtime';
import { checkSince, EventStoreUnavailable, type EventStore, type IncomingEvent, type LiveEvent, type StoreListener } from './eventStore.js';

export interface NatsSettings {
  url: string;
  stream: string;
  /** The stream's limits: the retention window within which a client may resume. */
  maxEvents: number;
  maxAgeSeconds: number;
  /** How long JetStream remembers a message id: a shipment sent again within it is not stored twice. */
  duplicateWindowSeconds: number;
}

const NANOS_PER_SECOND = 1_000_000_000;
/** JetStream's answer when a stream of that name exists with another configuration. */
const STREAM_NAME_IN_USE = 10058;

/** The stream every replica shares: limits-based, on disk, the oldest events dropped first. */
export function streamConfigOf(settings: NatsSettings): Partial<StreamConfig> & { name: string } {
  return {
    name: settings.stream,
    subjects: [`${settings.stream}.>`],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    max_msgs: settings.maxEvents,
    max_age: settings.maxAgeSeconds * NANOS_PER_SECOND,
    duplicate_window: Math.min(settings.duplicateWindowSeconds, settings.maxAgeSeconds) * NANOS_PER_SECOND,
  };
}

/** What a message holds: the event without its id, which is the message's stream sequence. */
export const messageOf = (source: string, event: IncomingEvent) => ({ source, sourceId: event.sourceId, kind: event.kind, recordId: event.recordId, gridCode: event.gridCode, occurredAt: event.occurredAt });
/** JetStream drops a message whose id it has seen within the duplicate window: a re-sent shipment is stored once. */
export const messageIdOf = (source: string, event: IncomingEvent) => `${source}:${event.sourceId}`;
const eventOf = (message: JsMsg): LiveEvent => ({ ...(message.json() as Omit<LiveEvent, 'id'>), id: message.seq });

const streamLost = () =>
  new GraphQLError('The live service lost its connection to the event stream (NATS); resume with since, here or on another replica', { extensions: { code: 'LIVE_UNAVAILABLE', retryable: true } });

/**
 * Events in a NATS JetStream stream shared by every live replica. A shipment is acknowledged once
 * JetStream has stored it; each replica follows the stream with its own ordered consumer and tells its
 * subscribers; an event's id is its stream sequence, the same on every replica, so `since` resumes
 * anywhere, read back from the stream within its limits.
 */
export class JetStreamEventStore implements EventStore {
  private readonly listeners = new Set<StoreListener>();
  private connected = true;
  private last: number;
  private stopFollowing: (() => Promise<unknown>) | undefined;

  private constructor(
    private readonly connection: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly manager: JetStreamManager,
    private readonly settings: NatsSettings,
    private readonly logger: Logger,
    lastSequence: number,
  ) {
    this.last = lastSequence;
  }

  /** Connects and makes sure the stream exists; NATS unreachable or without JetStream is a configuration error. */
  static async open(settings: NatsSettings, logger: Logger): Promise<JetStreamEventStore> {
    let connection: NatsConnection;
    let manager: JetStreamManager;
    try {
      connection = await connect({ servers: settings.url, name: 'civic-live', maxReconnectAttempts: -1 });
      manager = await jetstreamManager(connection);
    } catch (error) {
      throw new ConfigError(`NATS_URL: no NATS server with JetStream at ${settings.url} (${(error as Error).message}); start one (nats-server -js) or unset NATS_URL to keep events in DATA_DIR`);
    }
    await ensureStream(manager, settings);
    const { state } = await manager.streams.info(settings.stream);
    const store = new JetStreamEventStore(connection, jetstream(connection), manager, settings, logger, state.last_seq);
    await store.follow();
    void store.watchConnection();
    return store;
  }

  get lastId(): number {
    return this.last;
  }

  get available(): boolean {
    return this.connected;
  }

  async append(source: string, incoming: IncomingEvent[]): Promise<number> {
    if (!this.connected) throw new EventStoreUnavailable('the event stream (NATS) is not reachable');
    const subject = `${this.settings.stream}.${source}`;
    try {
      // Published together on one connection, so they are stored in this order; answered once all are stored.
      const acks = await Promise.all(incoming.map((event) => this.js.publish(subject, JSON.stringify(messageOf(source, event)), { msgID: messageIdOf(source, event), expect: { streamName: this.settings.stream } })));
      return acks.filter((ack) => !ack.duplicate).length;
    } catch (error) {
      throw new EventStoreUnavailable(`the event stream (NATS) did not store the events: ${(error as Error).message}`);
    }
  }

  async after(since: number): Promise<LiveEvent[]> {
    if (!this.connected) throw streamLost();
    const { state } = await this.manager.streams.info(this.settings.stream);
    checkSince(since, state.first_seq || 1, state.last_seq, `events of stream ${this.settings.stream} (at most ${this.settings.maxEvents}, ${this.settings.maxAgeSeconds} s)`);
    if (since === state.last_seq) return [];
    const consumer = await this.js.consumers.get(this.settings.stream, { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: since + 1 });
    const messages = await consumer.consume({ max_messages: Math.min(state.last_seq - since, 1000) });
    const events: LiveEvent[] = [];
    for await (const message of messages) {
      events.push(eventOf(message));
      if (message.seq >= state.last_seq) break;
    }
    return events;
  }

  listen(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    await this.stopFollowing?.();
    await this.connection.close();
  }

  /** This replica's own ordered consumer, from the end of the stream: every new event, in order, to every listener. */
  private async follow(): Promise<void> {
    const consumer = await this.js.consumers.get(this.settings.stream, { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: this.last + 1 });
    const messages = await consumer.consume();
    this.stopFollowing = () => messages.close();
    void (async () => {
      for await (const message of messages) {
        const event = eventOf(message);
        this.last = event.id;
        for (const listener of this.listeners) listener.event(event);
      }
    })();
  }

  /** While NATS is lost: not ready, shipments refused (they wait in the outboxes), subscriptions ended (clients resume with since). */
  private async watchConnection(): Promise<void> {
    for await (const status of this.connection.status()) {
      if (status.type === 'disconnect' && this.connected) {
        this.connected = false;
        this.logger.warn({ url: this.settings.url }, 'lost NATS: not ready until it is back');
        for (const listener of [...this.listeners]) listener.broken(streamLost());
      } else if (status.type === 'reconnect' && !this.connected) {
        this.connected = true;
        this.logger.info({ url: this.settings.url }, 'NATS is back');
      }
    }
  }
}

/** Creates the stream, or brings an existing one to these limits (another replica, or an earlier configuration). */
async function ensureStream(manager: JetStreamManager, settings: NatsSettings): Promise<void> {
  const config = streamConfigOf(settings);
  try {
    await manager.streams.add(config);
  } catch (error) {
    if (!(error instanceof JetStreamApiError) || error.code !== STREAM_NAME_IN_USE) throw error;
    await manager.streams.update(settings.stream, config);
  }
}
