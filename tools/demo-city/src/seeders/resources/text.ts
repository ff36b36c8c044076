import type { Random } from '../../index.js';
import type { Place } from './CityPlaces.js';

export const DAY_MS = 86_400_000;

/** A street address inside a place, in the demo city's style. */
export function addressIn(place: Place, random: Random): string {
  return `No. ${random.int(1, 399)} ${place.name.split(' ')[0]} Road`;
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
