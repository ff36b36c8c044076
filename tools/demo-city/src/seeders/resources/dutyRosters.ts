import { Random } from '../../random.js';
import { personName, phoneNumber, type DemoCity } from '../../demoCity.js';
import type { Street } from './CityPlaces.js';
import { DAY_MS, isoDate } from './text.js';
import { RandomKind } from './randomKinds.js';
import type { DutyRoster } from '@civic/resources/duty/DutyRoster';
import { DUTY_SHIFTS } from '@civic/resources/duty/DutyShift';

const ROSTER_DAYS = 7;
const DUTY_DEPARTMENTS = ['police', 'fire', 'emergency', 'community'] as const;

/** A week of 24-hour duty for a street, from the demo reference date: every department, day and night. */
export function* rostersOfStreet(city: DemoCity, street: Street): Generator<DutyRoster> {
  for (let day = 0; day < ROSTER_DAYS; day++) {
    const dutyDate = isoDate(new Date(city.referenceDate.getTime() + day * DAY_MS));
    for (const [d, department] of DUTY_DEPARTMENTS.entries()) {
      for (const [s, shift] of DUTY_SHIFTS.entries()) {
        const id = ((street.index * ROSTER_DAYS + day) * DUTY_DEPARTMENTS.length + d) * DUTY_SHIFTS.length + s + 1;
        const random = new Random(city.seed, RandomKind.DutyRoster, id);
        yield { id, gridCode: street.code, department, dutyDate, shift, officerName: personName(random, random.chance(0.6)), phone: phoneNumber(random) };
      }
    }
  }
}
