import { advanceIdSequence, bulkInsert, flatMapIterable, mapIterable } from '../../bulk.js';
import { type DemoCity } from '../../demoCity.js';
import { type EntityManager, type Logger } from '@civic/runtime';
import { DemoSeeder } from '../../seeding.js';
import { Depot } from '@civic/resources/depots/Depot';
import { depotsOfStreet } from './depots.js';
import { StockItem } from '@civic/resources/depots/StockItem';
import { Dispatch } from '@civic/resources/dispatches/Dispatch';
import { deployTeamsStillOut, dispatchRows, plannedDispatches } from './dispatches.js';
import { DutyRoster } from '@civic/resources/duty/DutyRoster';
import { rostersOfStreet } from './dutyRosters.js';
import { CityPlaces } from './CityPlaces.js';
import { EmergencyPlan } from '@civic/resources/plans/EmergencyPlan';
import { plansOfDistrict } from './plans.js';
import { Shelter } from '@civic/resources/shelters/Shelter';
import { shelterOf } from './shelters.js';
import { RescueTeam } from '@civic/resources/teams/RescueTeam';
import { teamRows } from './teams.js';

const TABLES = ['depot', 'stock_item', 'rescue_team', 'shelter', 'emergency_plan', 'duty_roster', 'dispatch'];

async function seedResources(em: EntityManager, city: DemoCity, logger: Logger): Promise<void> {
  const started = Date.now();
  const places = new CityPlaces(city);
  const streetDepots = () => flatMapIterable(places.streets, (street) => depotsOfStreet(city, street));
  const rows = {
    depots: await bulkInsert(em, Depot, mapIterable(streetDepots(), ({ depot }) => depot)),
    stockItems: await bulkInsert(em, StockItem, flatMapIterable(streetDepots(), ({ stock }) => stock)),
    rescueTeams: await bulkInsert(em, RescueTeam, teamRows(city, places)),
    shelters: await bulkInsert(em, Shelter, mapIterable(places.communities, (community) => shelterOf(city, community))),
    emergencyPlans: await bulkInsert(em, EmergencyPlan, flatMapIterable(places.districts, (district) => plansOfDistrict(city, district))),
    dutyRosters: await bulkInsert(em, DutyRoster, flatMapIterable(places.streets, (street) => rostersOfStreet(city, street))),
    dispatches: await bulkInsert(em, Dispatch, dispatchRows(plannedDispatches(city, places))),
  };
  await deployTeamsStillOut(em);
  for (const table of TABLES) await advanceIdSequence(em, table);
  const total = Object.values(rows).reduce((sum, count) => sum + count, 0);
  const seconds = (Date.now() - started) / 1000;
  logger.info({ ...rows, rows: total, rowsPerSecond: Math.round(total / Math.max(seconds, 0.001)) }, 'resources seeded');
}


/** The resources subgraph's share of the demo city. */
export class ResourcesSeeder extends DemoSeeder {
  readonly subgraph = 'resources';
  readonly tables = TABLES;
  protected readonly load = seedResources;
}
