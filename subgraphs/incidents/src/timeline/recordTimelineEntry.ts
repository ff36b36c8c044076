import type { EntityManager, Identity } from '@civic/runtime';
import type { Incident } from '../incidents/Incident.js';
import { TimelineEntry } from './TimelineEntry.js';

/** Adds an entry in the caller's name and marks the incident as changed; the caller's transaction flushes both. */
export function recordTimelineEntry(
  em: EntityManager,
  incident: Incident,
  identity: Identity,
  action: string,
  note: string | null,
  at = new Date(),
): TimelineEntry {
  incident.updatedAt = at;
  return em.create(TimelineEntry, {
    incidentId: incident.id,
    gridCode: incident.gridCode,
    at,
    department: identity.department,
    actor: identity.subject,
    action,
    note,
  });
}
