import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson, verifyServiceToken, z, type Logger, type PublicKeys } from '@civic/runtime';
import type { EventLog } from './eventLog.js';
import { sourceOfKind } from './feeds.js';

const MAX_EVENTS_BODY = 4 * 1024 * 1024;

const shipment = z.object({
  events: z
    .array(
      z.object({
        sourceId: z.number().int().positive(),
        kind: z.string().max(40),
        recordId: z.string().regex(/^\d{1,10}$/),
        gridCode: z.string().regex(/^\d{6,18}$/),
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
 * a crash.
 */
export function eventsRoute(log: EventLog, callers: PublicKeys, logger: Logger) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const caller = await verifyServiceToken(callers, req.headers.authorization);
    if (!caller) return sendJson(res, 401, { error: "a token signed with a calling service's own key is required" });
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'POST events' });
    const parsed = shipment.safeParse(JSON.parse(await readBody(req, MAX_EVENTS_BODY)));
    if (!parsed.success) return sendJson(res, 400, { error: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') });
    const foreign = parsed.data.events.find((event) => sourceOfKind(event.kind) !== caller);
    if (foreign) return sendJson(res, 403, { error: `${caller} may not report ${foreign.kind} events` });
    const added = await log.append(caller, parsed.data.events);
    logger.debug({ caller, received: parsed.data.events.length, added: added.length }, 'live events received');
    sendJson(res, 200, { accepted: parsed.data.events.length });
  };
}
