import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { checkSince, type EventStore, type IncomingEvent, type LiveEvent, type StoreListener } from './eventStore.js';

/**
 * The last `retention` events, in memory and in an append-only file that survives a restart: a client
 * reconnecting with its last event id gets what it missed, even across a crash of this service. A
 * shipment is acknowledged only once its events are written (and synced), so the subgraph deletes its
 * outbox rows only for events that are here.
 */
export class EventLog implements EventStore {
  readonly available = true;
  private events: LiveEvent[] = [];
  private readonly seen = new Set<string>();
  private readonly listeners = new Set<StoreListener>();
  private linesInFile = 0;
  private writing: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly path: string,
    private readonly retention: number,
    private file: FileHandle,
  ) {}

  static async open(dataDir: string, retention: number): Promise<EventLog> {
    const dir = join(dataDir, 'live');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, 'events.jsonl');
    const kept = readEvents(path).slice(-retention);
    rewrite(path, kept);
    const log = new EventLog(path, retention, await open(path, 'a'));
    for (const event of kept) log.remember(event);
    log.linesInFile = kept.length;
    return log;
  }

  get lastId(): number {
    return this.events.at(-1)?.id ?? 0;
  }

  /** Appends what is new (in order), then tells every listener; resolves once it is on disk. */
  append(source: string, incoming: IncomingEvent[]): Promise<number> {
    const done = this.writing.then(() => this.write(source, incoming));
    this.writing = done.catch(() => undefined);
    return done;
  }

  /**
   * The events after `since`, oldest first. An id older than the window or newer than any event here
   * (this log was lost) cannot be honoured without a gap, so it is refused rather than silently skipped.
   */
  async after(since: number): Promise<LiveEvent[]> {
    const first = this.events[0]?.id ?? this.lastId + 1;
    checkSince(since, first, this.lastId, `${this.retention} events`);
    return this.events.slice(since - first + 1);
  }

  /** A file log never breaks: the listener's `broken` is not called. */
  listen(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    await this.writing;
    await this.file.close();
  }

  private async write(source: string, incoming: IncomingEvent[]): Promise<number> {
    const fresh: LiveEvent[] = [];
    let id = this.lastId;
    for (const event of incoming) {
      if (this.seen.has(keyOf(source, event.sourceId))) continue;
      fresh.push({ id: ++id, source, sourceId: event.sourceId, kind: event.kind, recordId: event.recordId, gridCode: event.gridCode, occurredAt: event.occurredAt });
    }
    if (fresh.length === 0) return 0;
    await this.file.appendFile(fresh.map((event) => `${JSON.stringify(event)}\n`).join(''));
    await this.file.datasync();
    this.linesInFile += fresh.length;
    for (const event of fresh) this.remember(event);
    if (this.linesInFile > 2 * this.retention) await this.compact();
    for (const event of fresh) for (const listener of this.listeners) listener.event(event);
    return fresh.length;
  }

  private remember(event: LiveEvent): void {
    this.events.push(event);
    this.seen.add(keyOf(event.source, event.sourceId));
    if (this.events.length > this.retention) {
      const dropped = this.events.splice(0, this.events.length - this.retention);
      for (const old of dropped) this.seen.delete(keyOf(old.source, old.sourceId));
    }
  }

  /** Keeps the file within twice the window: rewritten to the window, then appended to again. */
  private async compact(): Promise<void> {
    await this.file.close();
    rewrite(this.path, this.events);
    this.linesInFile = this.events.length;
    this.file = await open(this.path, 'a');
  }
}

const keyOf = (source: string, sourceId: number) => `${source}:${sourceId}`;

/** Every complete line; a line cut short by a crash mid-write is the end of the log. */
function readEvents(path: string): LiveEvent[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  const events: LiveEvent[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      events.push(JSON.parse(line) as LiveEvent);
    } catch {
      break;
    }
  }
  return events;
}

/** Written to a temporary file and renamed, so a crash leaves the old log or the new one, never half. */
function rewrite(path: string, events: LiveEvent[]): void {
  writeFileSync(`${path}.tmp`, events.map((event) => `${JSON.stringify(event)}\n`).join(''));
  renameSync(`${path}.tmp`, path);
}
