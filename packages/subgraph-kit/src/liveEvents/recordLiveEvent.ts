import type { EntityManager } from '@civic/runtime';
import { LiveEventEntry } from './LiveEventEntry.js';

/** Whether this subgraph ships live events (LIVE_URL set); without a live service nobody would read them. */
export interface LiveEventsContext {
  liveEvents: boolean;
}

/**
 * Adds a thin event to the unit of work of `em`: call it inside the change's transaction, before its
 * last flush, so the event commits (or rolls back) with the change.
 */
export function recordLiveEvent(em: EntityManager, ctx: LiveEventsContext, kind: string, record: { id: number | string; gridCode: string }): void {
  if (!ctx.liveEvents) return;
  em.create(LiveEventEntry, { kind, recordId: String(record.id), gridCode: record.gridCode, occurredAt: new Date() });
}
