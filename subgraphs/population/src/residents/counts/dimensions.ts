import { graphqlEnum } from '@civic/subgraph-kit';
import { EVACUATION_ASSISTANCE_CATEGORIES } from '../../vocabulary.js';

/**
 * What residents can be counted by: each dimension's SQL over `resident r` (and `care(category)`, one
 * row per care category, when counting by it), the output field it fills, and the classified field it
 * reveals, which the caller must be allowed to read in full to group by it.
 */
export interface Dimension {
  sql: string;
  output: 'street' | 'community' | 'grid' | 'careCategory' | 'ageBand' | 'gender' | 'needsEvacuationAssistance';
  reveals: string | undefined;
}

/** Age bands as care and evacuation planning use them. */
export const AGE_BANDS_SQL = `case when extract(year from age(current_date, r.birth_date)) < 18 then '0-17'
  when extract(year from age(current_date, r.birth_date)) < 60 then '18-59'
  when extract(year from age(current_date, r.birth_date)) < 80 then '60-79' else '80+' end`;

export const DIMENSIONS = {
  // Grid codes: street 9 digits, community 12, grid 15 (the jurisdiction tree's prefixes).
  STREET: { sql: 'left(r.grid_code, 9)', output: 'street', reveals: undefined },
  COMMUNITY: { sql: 'left(r.grid_code, 12)', output: 'community', reveals: undefined },
  GRID: { sql: 'r.grid_code', output: 'grid', reveals: undefined },
  GENDER: { sql: 'r.gender', output: 'gender', reveals: undefined },
  AGE_BAND: { sql: AGE_BANDS_SQL, output: 'ageBand', reveals: 'Resident.age' },
  CARE_CATEGORY: { sql: 'care.category', output: 'careCategory', reveals: 'Resident.careCategories' },
  NEEDS_EVACUATION_ASSISTANCE: { sql: `r.care_categories && array[${EVACUATION_ASSISTANCE_CATEGORIES.map((c) => `'${c}'`).join(',')}]::text[]`, output: 'needsEvacuationAssistance', reveals: 'Resident.needsEvacuationAssistance' },
} as const satisfies Record<string, Dimension>;

export type DimensionName = keyof typeof DIMENSIONS;

export const ResidentDimension = graphqlEnum(Object.keys(DIMENSIONS) as DimensionName[], 'ResidentDimension', 'What residents can be counted by. Grouping by a classified field (age, care category, evacuation assistance) needs read access to it in full.');
