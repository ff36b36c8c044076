import { advanceIdSequence, bulkInsert, flatMapIterable, mapIterable, tableHasRows, type DemoCity, type EntityManager, type Logger } from '@civic/shared';
import { Depot } from './depots/Depot.js';
import { depotsOfStreet } from './depots/seedDepots.js';
import { StockItem } from './depots/StockItem.js';
import { Dispatch } from './dispatches/Dispatch.js';
import { deployTeamsStillOut, dispatchRows, plannedDispatches } from './dispatches/seedDispatches.js';
import { DutyRoster } from './duty/DutyRoster.js';
import { rostersOfStreet } from './duty/seedDutyRosters.js';
import { CityPlaces } from './places/CityPlaces.js';
import { EmergencyPlan } from './plans/EmergencyPlan.js';
import { plansOfDistrict } from './plans/seedPlans.js';
import { Shelter } from './shelters/Shelter.js';
import { shelterOf } from './shelters/seedShelters.js';
import { RescueTeam } from './teams/RescueTeam.js';
import { teamRows } from './teams/seedTeams.js';

const TABLES = ['depot', 'stock_item', 'rescue_team', 'shelter', 'emergency_plan', 'duty_roster', 'dispatch'];

export async function seedResources(em: EntityManager, city: DemoCity, logger: Logger): Promise<void> {
  const started = Date.now();
  const places = new CityPlaces(city);
  const streetDepots = () => flatMapIterable(places.streets, (street) => depotsOfStreet(city, street));
  // One transaction: a seed cut short leaves no depot behind, so the next start seeds again.
  const rows = await em.transactional(async (tx) => {
    const counts = {
      depots: await bulkInsert(tx, Depot, mapIterable(streetDepots(), ({ depot }) => depot)),
      stockItems: await bulkInsert(tx, StockItem, flatMapIterable(streetDepots(), ({ stock }) => stock)),
      rescueTeams: await bulkInsert(tx, RescueTeam, teamRows(city, places)),
      shelters: await bulkInsert(tx, Shelter, mapIterable(places.communities, (community) => shelterOf(city, community))),
      emergencyPlans: await bulkInsert(tx, EmergencyPlan, flatMapIterable(places.districts, (district) => plansOfDistrict(city, district))),
      dutyRosters: await bulkInsert(tx, DutyRoster, flatMapIterable(places.streets, (street) => rostersOfStreet(city, street))),
      dispatches: await bulkInsert(tx, Dispatch, dispatchRows(plannedDispatches(city, places))),
    };
    await deployTeamsStillOut(tx);
    for (const table of TABLES) await advanceIdSequence(tx, table);
    return counts;
  });
  const total = Object.values(rows).reduce((sum, count) => sum + count, 0);
  const seconds = (Date.now() - started) / 1000;
  logger.info({ ...rows, rows: total, rowsPerSecond: Math.round(total / Math.max(seconds, 0.001)) }, 'resources seeded');
}

export const resourcesHaveData = (em: EntityManager) => tableHasRows(em, 'depot');
