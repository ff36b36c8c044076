import { ConfigError } from '@civic/runtime';
import { liveConfigFromEnv } from '@civic/live';
import { checkSince, type LiveEvent } from '@civic/live/eventStore';
import { messageIdOf, streamConfigOf } from '@civic/live/natsEventStore';
import { resumeQueue } from '@civic/live/subscription';

const event = (id: number): LiveEvent => ({ id, source: 'incidents', sourceId: 100 + id, kind: 'incident.reported', recordId: String(id), gridCode: '110101001001', occurredAt: '2026-01-01T00:00:00.000Z' });
const ids = (events: LiveEvent[]) => events.map((e) => e.id);

describe('live event store', () => {
  it('keeps the file log by default, and the JetStream stream with its limits when NATS_URL is set', () => {
    expect(liveConfigFromEnv({}).nats).toBeUndefined();
    expect(liveConfigFromEnv({ NATS_URL: 'nats://127.0.0.1:4222', LIVE_RETENTION_EVENTS: '1000' }).nats).toEqual({
      url: 'nats://127.0.0.1:4222',
      stream: 'civic-live',
      maxEvents: 1000,
      maxAgeSeconds: 7 * 24 * 3600,
      duplicateWindowSeconds: 3600,
    });
  });

  it('refuses a NATS_URL that is not a nats:// or tls:// URL, and a stream name JetStream would refuse', () => {
    const problems = (env: Record<string, string>) => {
      try {
        liveConfigFromEnv(env);
        return [];
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        return error.problems.map((problem) => problem.variable);
      }
    };
    expect(problems({ NATS_URL: 'http://127.0.0.1:4222' })).toEqual(['NATS_URL']);
    expect(problems({ NATS_URL: 'nats://127.0.0.1:4222', LIVE_NATS_STREAM: 'civic.live' })).toEqual(['LIVE_NATS_STREAM']);
  });

  it("bounds the stream by the retention window, and never remembers message ids longer than it keeps events", () => {
    const config = streamConfigOf({ url: 'nats://x:4222', stream: 'live-test', maxEvents: 500, maxAgeSeconds: 60, duplicateWindowSeconds: 3600 });
    expect(config).toMatchObject({ name: 'live-test', subjects: ['live-test.>'], max_msgs: 500, max_age: 60e9, duplicate_window: 60e9, discard: 'old', storage: 'file' });
  });

  it("names a message by its source and outbox id, so a shipment sent again is recognised", () => {
    expect(messageIdOf('incidents', event(1))).toBe('incidents:101');
  });

  it('resumes from an id within what is kept, and refuses one older than the window or newer than any event', () => {
    expect(() => checkSince(5, 3, 9, '7 events')).not.toThrow();
    expect(() => checkSince(2, 3, 9, '7 events')).not.toThrow();
    expect(() => checkSince(9, 3, 9, '7 events')).not.toThrow();
    expect(() => checkSince(1, 3, 9, '7 events')).toThrow(/older than the 7 events kept \(the oldest is 3\)/);
    expect(() => checkSince(10, 3, 9, '7 events')).toThrow(/not known here \(the last is 9\)/);
    expect(() => checkSince(0, 1, 0, 'events')).not.toThrow();
  });

  it('queues the backlog, then what was heard while it was read, without doubles or what came before since', () => {
    // A replica behind the stream: it hears 4 and 5 (already in the backlog) and 6 while reading.
    expect(ids(resumeQueue(2, [event(3), event(4), event(5)], [event(4), event(5), event(6)]))).toEqual([3, 4, 5, 6]);
    // A replica behind the client's since (its id came from another replica): what it hears up to since is not sent.
    expect(ids(resumeQueue(7, [], [event(6), event(7), event(8)]))).toEqual([8]);
    expect(ids(resumeQueue(2, [event(3)], []))).toEqual([3]);
  });
});
