import pg from 'pg';
import { MASKING_STYLES } from '@civic/governance';
import { ageOn } from '@civic/population/residents/derived';
import { EVACUATION_ASSISTANCE_CATEGORIES } from '@civic/population/vocabulary';

/**
 * The physical floor of workload (b): the duty desk's storm picture read with hand-written SQL from
 * the four subgraphs' databases and assembled into the same JSON, with no GraphQL, no planner, no
 * policy engine and no audit. It applies by hand the one rule that changes this answer for the duty
 * desk (phones masked in the policy's phone style), so the bytes match what the gateway answers; the benchmark
 * checks that they do before it measures.
 */
export interface FloorDatabases {
  population: pg.Pool;
  buildings: pg.Pool;
  incidents: pg.Pool;
  resources: pg.Pool;
}

// DATE columns as the text PostgreSQL sends (a birth date is a day, not an instant in this process's zone).
pg.types.setTypeParser(1082, (text) => text);

// The policy's style for the duty desk's view of phones, and the population subgraph's own derivations:
// the floor skips the machinery, not the meaning.
const maskedPhone = (phone: string | null) => (phone === null ? null : MASKING_STYLES.phone!.mask(phone));

/** Rows grouped under a key, in the order the query returned them. */
function groupBy<T extends Record<string, unknown>>(rows: T[], key: keyof T): Map<unknown, T[]> {
  const groups = new Map<unknown, T[]>();
  for (const row of rows) {
    const list = groups.get(row[key]);
    if (list) list.push(row);
    else groups.set(row[key], [row]);
  }
  return groups;
}

export async function stormPicture(db: FloorDatabases, code: string, first: number): Promise<unknown> {
  const [grid, residents, total] = await Promise.all([
    db.population.query('select code, name, worker_name from area where code = $1', [code]),
    db.population.query(
      `select id, name, birth_date, phone, care_categories && $3::text[] as needs_help, building_id
       from resident where grid_code = $1 order by id limit $2`,
      [code, first, EVACUATION_ASSISTANCE_CATEGORIES],
    ),
    db.population.query('select count(*)::int as n from resident where grid_code = $1', [code]),
  ]);
  const area = grid.rows[0];
  if (!area) return { grid: null };
  const buildingIds = [...new Set(residents.rows.map((r) => r.building_id as number))];
  const [buildings, hazards, incidents] = await Promise.all([
    db.buildings.query('select id, address, use, structure, floors, year_built, fire_key_place from building where id = any($1)', [buildingIds]),
    db.buildings.query('select id, building_id, category, severity, status, deadline from hazard where building_id = any($1) order by id', [buildingIds]),
    db.incidents.query('select id, building_id, category, status, severity, title, reported_at from incident where building_id = any($1) order by id', [buildingIds]),
  ]);
  const dispatches = await db.resources.query('select id, incident_id, status, quantity, dispatched_at from dispatch where incident_id = any($1) order by id', [
    incidents.rows.map((i) => i.id as number),
  ]);
  const now = new Date();
  const dispatchesOf = groupBy(dispatches.rows, 'incident_id');
  const hazardsOf = groupBy(hazards.rows, 'building_id');
  const incidentsOf = groupBy(incidents.rows, 'building_id');
  const buildingById = new Map(
    buildings.rows.map((b) => [
      b.id,
      {
        id: String(b.id), address: b.address, use: b.use, structure: b.structure, floors: b.floors, yearBuilt: b.year_built, fireKeyPlace: b.fire_key_place,
        hazards: (hazardsOf.get(b.id) ?? []).map((h) => ({
          id: String(h.id), category: h.category, severity: h.severity, status: h.status, deadline: (h.deadline as Date).toISOString(),
          overdue: h.status !== 'CLOSED' && (h.deadline as Date).getTime() < now.getTime(),
        })),
        incidents: (incidentsOf.get(b.id) ?? []).map((i) => ({
          id: String(i.id), category: i.category, status: i.status, severity: i.severity, title: i.title, reportedAt: (i.reported_at as Date).toISOString(),
          dispatches: (dispatchesOf.get(i.id) ?? []).map((d) => ({ id: String(d.id), status: d.status, quantity: d.quantity, dispatchedAt: (d.dispatched_at as Date).toISOString() })),
        })),
      },
    ]),
  );
  return {
    grid: {
      code: area.code, name: area.name, workerName: area.worker_name,
      residents: {
        totalCount: total.rows[0].n,
        edges: residents.rows.map((r) => ({
          node: {
            id: String(r.id), name: r.name, age: ageOn(r.birth_date as string, now), phone: maskedPhone(r.phone as string | null),
            needsEvacuationAssistance: r.needs_help === true, building: buildingById.get(r.building_id) ?? null,
          },
        })),
      },
    },
  };
}
