import { Random } from '../../random.js';
import { personName, phoneNumber, type DemoCity } from '../../demoCity.js';
import { SUPPLY_ITEMS } from '@civic/resources/vocabulary';
import type { Street } from './CityPlaces.js';
import { DAY_MS, addressIn, isoDate } from './text.js';
import { RandomKind } from './randomKinds.js';
import type { Depot } from '@civic/resources/depots/Depot';
import type { StockItem } from '@civic/resources/depots/StockItem';

/** Ids are strided by these maxima so a street's depots and stock are a pure function of the street's index. */
const MAX_DEPOTS_PER_STREET = 2;
const MAX_ITEMS_PER_DEPOT = 8;
const MIN_ITEMS_PER_DEPOT = 5;
const PERISHABLE_ITEMS: ReadonlySet<string> = new Set(['Drinking water', 'Instant food', 'First-aid kits', 'Fire extinguishers']);

export interface SeedDepot {
  depot: Depot;
  stock: StockItem[];
}

export function depotsOfStreet(city: DemoCity, street: Street): SeedDepot[] {
  const random = new Random(city.seed, RandomKind.Depot, street.index);
  return Array.from({ length: random.int(1, MAX_DEPOTS_PER_STREET) }, (_, d) => {
    const depot: Depot = {
      id: street.index * MAX_DEPOTS_PER_STREET + d + 1,
      name: `${street.name} Reserve Depot ${d + 1}`,
      gridCode: random.pick(street.gridCodes),
      address: addressIn(street, random),
      managerName: personName(random, random.chance(0.5)),
      managerPhone: phoneNumber(random),
    };
    return { depot, stock: stockOf(city, depot) };
  });
}

function stockOf(city: DemoCity, depot: Depot): StockItem[] {
  const random = new Random(city.seed, RandomKind.Stock, depot.id);
  const supplies = shuffled(SUPPLY_ITEMS, random).slice(0, random.int(MIN_ITEMS_PER_DEPOT, MAX_ITEMS_PER_DEPOT));
  return supplies.map(({ item, unit }, n) => ({
    id: (depot.id - 1) * MAX_ITEMS_PER_DEPOT + n + 1,
    depotId: depot.id,
    gridCode: depot.gridCode,
    item,
    unit,
    quantity: random.int(2, 50) * 10,
    expiresAt: PERISHABLE_ITEMS.has(item) ? expiryDate(city, random) : null,
    expiryReportedFor: null,
  }));
}

/** Most perishable stock is good for months to come; some has lapsed, as in any real depot. */
function expiryDate(city: DemoCity, random: Random): string {
  const days = random.chance(0.15) ? -random.int(1, 180) : random.int(60, 720);
  return isoDate(new Date(city.referenceDate.getTime() + days * DAY_MS));
}

function shuffled<T>(items: readonly T[], random: Random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
