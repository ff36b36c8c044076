import { advanceIdSequence, bulkInsert, flatMapIterable, mapIterable, range } from '../bulk.js';
import { type DemoCity } from '../demoCity.js';
import { type EntityManager, type Logger } from '@civic/runtime';
import { DemoSeeder } from '../seeding.js';
import { Incident } from '@civic/incidents/incidents/Incident';
import { IncidentResident } from '@civic/incidents/incidents/IncidentResident';
import { TimelineEntry } from '@civic/incidents/timeline/TimelineEntry';

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

async function seedIncidents(em: EntityManager, city: DemoCity, logger: Logger): Promise<void> {
  const started = Date.now();
  const incidents = await bulkInsert(em, Incident, incidentsOf(city));
  const involved = await bulkInsert(em, IncidentResident, involvements(city));
  const timeline = await bulkInsert(em, TimelineEntry, timelineEntries(city));
  for (const table of ['incident', 'incident_resident', 'timeline_entry']) await advanceIdSequence(em, table);
  const seconds = (Date.now() - started) / 1000;
  logger.info({ incidents, involvedResidents: involved, timelineEntries: timeline, rowsPerSecond: Math.round((incidents + involved + timeline) / seconds) }, 'incidents seeded');
}


/** The incidents subgraph's share of the demo city. */
export class IncidentsSeeder extends DemoSeeder {
  readonly subgraph = 'incidents';
  readonly tables = ['incident', 'incident_resident', 'timeline_entry'];
  protected readonly load = seedIncidents;
}
