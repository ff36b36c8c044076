import { Random } from '../../random.js';
import { type DemoCity, type DemoIncident } from '../../demoCity.js';
import { type IncidentStatus } from '@civic/incidents/vocabulary';
import { type DispatchStatus, type TeamKind } from '@civic/resources/vocabulary';
import { type EntityManager } from '@civic/runtime';
import { type RiskType } from '@civic/subgraph-kit';
import { depotsOfStreet } from './depots.js';
import type { StockItem } from '@civic/resources/depots/StockItem';
import type { CityPlaces } from './CityPlaces.js';
import { isoDate } from './text.js';
import { RandomKind } from './randomKinds.js';
import { teamsOfStreet } from './teams.js';
import type { RescueTeam } from '@civic/resources/teams/RescueTeam';
import type { Dispatch } from '@civic/resources/dispatches/Dispatch';
import { ACTIVE_DISPATCH_STATUSES } from '@civic/resources/dispatches/DispatchStatus';

const DISPATCH_SHARE = 0.15;
const STOCK_SHARE = 0.4;
const MAX_SEEDED_QUANTITY = 30;
const STOCK_LEAVES_AFTER_MS = 30 * 60_000;

/** Incidents past acceptance had someone sent; what the dispatch shows follows the incident's progress. */
const DISPATCH_STATUS_FOR: Partial<Record<IncidentStatus, DispatchStatus>> = {
  DISPATCHED: 'EN_ROUTE',
  IN_PROGRESS: 'ON_SITE',
  RESOLVED: 'RETURNED',
  CLOSED: 'RETURNED',
};

interface Response {
  teamKind: TeamKind;
  supplies: readonly string[];
}

const RESPONSES: Partial<Record<RiskType, Response>> = {
  FIRE_HAZARD: { teamKind: 'FIRE_RESCUE', supplies: ['Fire extinguishers', 'First-aid kits'] },
  NATURAL_DISASTER: {
    teamKind: 'FLOOD_CONTROL',
    supplies: ['Sandbags', 'Life jackets', 'Drinking water', 'Instant food', 'Blankets', 'Tents', 'Flashlights', 'Water pumps'],
  },
};

export interface PlannedDispatch {
  incident: DemoIncident;
  status: DispatchStatus;
  dispatchedAt: Date;
  dispatchedBy: string;
  team: RescueTeam;
  stock: { item: StockItem; quantity: number } | null;
}

/**
 * The dispatches of the demo city's fires and disasters: a team of the incident's street, matching the
 * risk when the street has one, and sometimes supplies from one of the street's depots.
 */
export function* plannedDispatches(city: DemoCity, places: CityPlaces): Generator<PlannedDispatch> {
  for (let k = 0; k < city.incidentCount; k++) {
    const incident = city.incidentAt(k);
    const status = DISPATCH_STATUS_FOR[incident.status];
    const response = RESPONSES[incident.category];
    const street = places.streetOf(incident.gridCode);
    if (!status || !response || !street) continue;
    const random = new Random(city.seed, RandomKind.Dispatch, k);
    if (!random.chance(DISPATCH_SHARE)) continue;
    const step = incident.timeline.find((entry) => entry.action === 'DISPATCHED');
    const dispatchedAt = step?.at ?? incident.reportedAt;
    const teams = teamsOfStreet(city, street);
    const matching = teams.filter((team) => team.kind === response.teamKind);
    const usable = depotsOfStreet(city, street)
      .flatMap(({ stock }) => stock)
      .filter((item) => response.supplies.includes(item.item) && (item.expiresAt === null || item.expiresAt >= isoDate(dispatchedAt)));
    const item = usable.length && random.chance(STOCK_SHARE) ? random.pick(usable) : null;
    yield {
      incident,
      status,
      dispatchedAt,
      dispatchedBy: `${step?.department ?? 'emergency'}:duty-desk`,
      team: random.pick(matching.length ? matching : teams),
      stock: item && { item, quantity: random.int(1, Math.min(MAX_SEEDED_QUANTITY, item.quantity)) },
    };
  }
}

/** Teams still out on a seeded dispatch become DEPLOYED, so readiness and dispatches agree by construction. */
export async function deployTeamsStillOut(em: EntityManager): Promise<void> {
  await em.execute(
    `update rescue_team set readiness = 'DEPLOYED'
      where id in (select team_id from dispatch where status in (${ACTIVE_DISPATCH_STATUSES.map(() => '?').join(', ')}))`,
    [...ACTIVE_DISPATCH_STATUSES],
    'run',
  );
}

export function* dispatchRows(plans: Iterable<PlannedDispatch>): Generator<Dispatch> {
  let id = 1;
  for (const { incident, status, dispatchedAt, dispatchedBy, team, stock } of plans) {
    const common = { incidentId: incident.id, status, dispatchedBy };
    yield { ...common, id: id++, gridCode: team.gridCode, teamId: team.id, stockItemId: null, quantity: null, dispatchedAt, note: incident.title };
    if (stock) {
      yield {
        ...common,
        id: id++,
        gridCode: stock.item.gridCode,
        teamId: null,
        stockItemId: stock.item.id,
        quantity: stock.quantity,
        dispatchedAt: new Date(dispatchedAt.getTime() + STOCK_LEAVES_AFTER_MS),
        note: `${stock.quantity} ${stock.item.unit} of ${stock.item.item.toLowerCase()}`,
      };
    }
  }
}
