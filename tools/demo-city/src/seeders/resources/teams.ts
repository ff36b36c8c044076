import { Random } from '../../random.js';
import { personName, phoneNumber, type DemoCity } from '../../demoCity.js';
import { TEAM_KINDS, type Readiness, type TeamKind } from '@civic/resources/vocabulary';
import type { CityPlaces, Place, Street } from './CityPlaces.js';
import { RandomKind } from './randomKinds.js';
import type { RescueTeam } from '@civic/resources/teams/RescueTeam';

/** Street teams take ids 1..streets*MAX; district fire brigades follow, so every id is a pure function of its place. */
const MAX_TEAMS_PER_STREET = 2;

const KIND_NAMES: Record<TeamKind, string> = {
  FIRE_RESCUE: 'Fire Rescue',
  FLOOD_CONTROL: 'Flood Control',
  MEDICAL: 'Medical',
  VOLUNTEER: 'Volunteer',
  POLICE_RESPONSE: 'Police Response',
};

/** Readiness before dispatches are accounted for; teams out on a seeded dispatch are set DEPLOYED afterwards. */
function restingReadiness(random: Random): Readiness {
  return random.weighted({ READY: 75, RESTING: 15, UNAVAILABLE: 10 });
}

export function teamsOfStreet(city: DemoCity, street: Street): RescueTeam[] {
  const random = new Random(city.seed, RandomKind.StreetTeam, street.index);
  return Array.from({ length: random.int(1, MAX_TEAMS_PER_STREET) }, (_, t) => {
    const kind = random.pick(TEAM_KINDS);
    return {
      id: street.index * MAX_TEAMS_PER_STREET + t + 1,
      name: `${street.name} ${KIND_NAMES[kind]} Team ${t + 1}`,
      gridCode: random.pick(street.gridCodes),
      kind,
      members: random.int(6, 30),
      readiness: restingReadiness(random),
      leaderName: personName(random, random.chance(0.7)),
      leaderPhone: phoneNumber(random),
    };
  });
}

function districtFireBrigade(city: DemoCity, places: CityPlaces, district: Place): RescueTeam {
  const random = new Random(city.seed, RandomKind.DistrictTeam, district.index);
  return {
    id: places.streets.length * MAX_TEAMS_PER_STREET + district.index + 1,
    name: `${district.name} Fire Rescue Brigade`,
    gridCode: random.pick(district.gridCodes),
    kind: 'FIRE_RESCUE',
    members: random.int(30, 80),
    readiness: restingReadiness(random),
    leaderName: personName(random, random.chance(0.7)),
    leaderPhone: phoneNumber(random),
  };
}

export function* teamRows(city: DemoCity, places: CityPlaces): Generator<RescueTeam> {
  for (const street of places.streets) yield* teamsOfStreet(city, street);
  for (const district of places.districts) yield districtFireBrigade(city, places, district);
}
