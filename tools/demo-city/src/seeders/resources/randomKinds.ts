/**
 * The streams of the demo city's Random this subgraph draws from: `new Random(city.seed, kind, index)`.
 * Each kind of record has its own number so that no two kinds correlate, and none collides with the
 * city's own streams (1-7).
 */
export const RandomKind = {
  Depot: 40,
  Stock: 41,
  StreetTeam: 42,
  DistrictTeam: 43,
  Shelter: 44,
  Plan: 45,
  DutyRoster: 46,
  Dispatch: 47,
} as const;
