// Apart from demoCity.ts, which loads the subgraphs' vocabularies: the launcher and the build need only these.

export const DEFAULT_DEMO_RESIDENTS = 4000;

/**
 * The day a city is seeded, at 00:00 UTC: every date of the demo city is counted back (or forward) from
 * it, so "the last 30 days" holds a month of data whenever it is seeded, while the same day still gives
 * the same city.
 */
export function seedingDay(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}
