import { Random } from '../../random.js';
import { type DemoCity } from '../../demoCity.js';
import type { Place } from './CityPlaces.js';
import { addressIn } from './text.js';
import { RandomKind } from './randomKinds.js';
import type { Shelter } from '@civic/resources/shelters/Shelter';

const VENUES = ['Primary School Gym', 'Community Centre', 'Sports Hall', 'Middle School', 'Civil Defence Shelter'];

export function shelterOf(city: DemoCity, community: Place): Shelter {
  const random = new Random(city.seed, RandomKind.Shelter, community.index);
  const capacity = random.int(10, 150) * 10;
  const use = random.weighted({ empty: 80, partial: 15, full: 5 } as const);
  return {
    id: community.index + 1,
    name: `${community.name} ${random.pick(VENUES)}`,
    gridCode: random.pick(community.gridCodes),
    address: addressIn(community, random),
    capacity,
    occupancy: use === 'empty' ? 0 : use === 'full' ? capacity : random.int(1, capacity - 1),
  };
}
