import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson, verifyServiceToken, z, type Logger, type PublicKeys } from '@civic/runtime';
import { EventStoreUnavailable, type EventStore } from './eventStore.js';
import { sourceOfKind } from './feeds.js';

const MAX_EVENTS_BODY = 4 * 1024 * 1024;

const shipment = z.object({
  events: z
    .array(
      z.object({
        sourceId: z.number().int().positive(),
        kind: z.string().max(40),
        recordId: z.string().regex(/^\d{1,10}$/),
        // Empty for what belongs to the whole city (a grant without a scope); a filter by place never matches it.
        gridCode: z.string().regex(/^(\d{6,18})?$/),
        occurredAt: z.iso.datetime(),
      }),
    )
    .max(1000),
});

/**
 * Subgraphs ship their live outboxes here with their own service credential. The source is the
 * verified caller, never the body, and a service may report only the kinds it owns (incidents for
 * incident events, resources for dispatches): a stolen credential of one subgraph cannot invent
 * another's events. The answer comes once the events are on disk, so an acknowledged event survives
 * a crash (on disk, or stored by JetStream). While the store is unreachable a shipment is refused with
 * 503, and the subgraph keeps it in its outbox.
 */
export function eventsRoute(store: EventStore, callers: PublicKeys, logger: Logger) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const caller = await verifyServiceToken(callers, req.headers.authorization);
    if (!caller) return sendJson(res, 401, { error: "a token signed with a calling service's own key is required" });
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'POST events' });
    const parsed = shipment.safeParse(JSON.parse(await readBody(req, MAX_EVENTS_BODY)));
    if (!parsed.success) return sendJson(res, 400, { error: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') });
    const foreign = parsed.data.events.find((event) => sourceOfKind(event.kind) !== caller);
    if (foreign) return sendJson(res, 403, { error: `${caller} may not report ${foreign.kind} events` });
    let added: number;
    try {
      added = await store.append(caller, parsed.data.events);
    } catch (error) {
      if (!(error instanceof EventStoreUnavailable)) throw error;
      logger.warn({ caller, err: error }, 'live events refused: the event store is unavailable');
      return sendJson(res, 503, { error: `${error.message}; ship them again later` });
    }
    logger.debug({ caller, received: parsed.data.events.length, added }, 'live events received');
    sendJson(res, 200, { accepted: parsed.data.events.length });
  };
}
