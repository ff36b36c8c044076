import type { Logger } from '@civic/runtime';
import type { LiveConfig } from './config.js';
import { EventLog } from './eventLog.js';
import type { EventStore } from './eventStore.js';
import { JetStreamEventStore } from './natsEventStore.js';

/** Chosen once at start: the JetStream stream shared by replicas when NATS_URL is set, else this process's file log. */
export function openEventStore(config: LiveConfig, logger: Logger): Promise<EventStore> {
  return config.nats ? JetStreamEventStore.open(config.nats, logger) : EventLog.open(config.dataDir, config.retentionEvents);
}
