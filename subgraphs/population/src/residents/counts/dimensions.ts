import { graphqlEnum, PLACE_DIMENSIONS, type CountDimension } from '@civic/subgraph-kit';
import { EVACUATION_ASSISTANCE_CATEGORIES } from '../../vocabulary.js';

const AGE = 'extract(year from age(current_date, r.birth_date))';

/** What residents can be counted by; each classified one needs read access to the field it reveals. */
export const RESIDENT_DIMENSIONS = {
  ...PLACE_DIMENSIONS,
  GENDER: { sql: 'r.gender', output: 'gender' },
  // Age bands as care and evacuation planning use them.
  AGE_BAND: { sql: `case when ${AGE} < 18 then '0-17' when ${AGE} < 60 then '18-59' when ${AGE} < 80 then '60-79' else '80+' end`, output: 'ageBand', reveals: 'Resident.age' },
  // One row per care category: a resident in two categories is counted in both groups.
  CARE_CATEGORY: { sql: 'care.category', output: 'careCategory', reveals: 'Resident.careCategories', join: 'cross join lateral unnest(r.care_categories) as care(category)' },
  NEEDS_EVACUATION_ASSISTANCE: {
    sql: `r.care_categories && array[${EVACUATION_ASSISTANCE_CATEGORIES.map((c) => `'${c}'`).join(',')}]::text[]`,
    output: 'needsEvacuationAssistance',
    reveals: 'Resident.needsEvacuationAssistance',
  },
} as const satisfies Record<string, CountDimension>;

export type ResidentDimensionName = keyof typeof RESIDENT_DIMENSIONS;

export const ResidentDimension = graphqlEnum(Object.keys(RESIDENT_DIMENSIONS) as ResidentDimensionName[], 'ResidentDimension', 'What residents can be counted by. Grouping by a classified field (age, care category, evacuation assistance) needs read access to it in full.');
