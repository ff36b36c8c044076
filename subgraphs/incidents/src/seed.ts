import {
  advanceIdSequence,
  bulkInsert,
  flatMapIterable,
  mapIterable,
  range,
  tableHasRows,
  type DemoCity,
  type EntityManager,
  type Logger,
} from '@civic/shared';
import { Incident } from './incidents/Incident.js';
import { IncidentResident } from './incidents/IncidentResident.js';
import { TimelineEntry } from './timeline/TimelineEntry.js';

/** The demo city names the department of each step, not the person; seeded entries say so. */
const DEMO_ACTOR = 'demo-city';

/**
 * Each table recomputes city.incidentAt(k), which is cheap and pure, so no table's rows are ever held
 * in memory all at once however large the city.
 */
function incidentsOf(city: DemoCity) {
  return mapIterable(range(city.incidentCount), (k) => {
    const { id, gridCode, buildingId, category, source, status, severity, title, description, reporterResidentId, reportedAt, deadline, timeline } = city.incidentAt(k);
    const updatedAt = timeline[timeline.length - 1]?.at ?? reportedAt;
    return { id, gridCode, buildingId, category, source, status, severity, title, description, reporterResidentId, reportedAt, deadline, updatedAt };
  });
}

function involvements(city: DemoCity) {
  let id = 1;
  return flatMapIterable(range(city.incidentCount), (k) => {
    const incident = city.incidentAt(k);
    return incident.involvedResidentIds.map((residentId) => ({
      id: id++,
      incidentId: incident.id,
      residentId,
      gridCode: incident.gridCode,
      role: 'INVOLVED' as const,
    }));
  });
}

function timelineEntries(city: DemoCity) {
  let id = 1;
  return flatMapIterable(range(city.incidentCount), (k) => {
    const incident = city.incidentAt(k);
    return incident.timeline.map(({ at, department, action, note }) => ({
      id: id++,
      incidentId: incident.id,
      gridCode: incident.gridCode,
      at,
      department,
      actor: DEMO_ACTOR,
      action,
      note,
    }));
  });
}

export async function seedIncidents(em: EntityManager, city: DemoCity, logger: Logger): Promise<void> {
  const started = Date.now();
  const incidents = await bulkInsert(em, Incident, incidentsOf(city));
  const involved = await bulkInsert(em, IncidentResident, involvements(city));
  const timeline = await bulkInsert(em, TimelineEntry, timelineEntries(city));
  for (const table of ['incident', 'incident_resident', 'timeline_entry']) await advanceIdSequence(em, table);
  const seconds = (Date.now() - started) / 1000;
  logger.info({ incidents, involvedResidents: involved, timelineEntries: timeline, rowsPerSecond: Math.round((incidents + involved + timeline) / seconds) }, 'incidents seeded');
}

export const incidentsHaveData = (em: EntityManager) => tableHasRows(em, 'incident');
