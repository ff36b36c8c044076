/** The words the population subgraph owns; it exposes them as GraphQL enums, and the demo city draws from the same lists. */
export const CARE_CATEGORIES = [
  'ELDERLY_LIVING_ALONE',
  'DISABLED',
  'LEFT_BEHIND_CHILD',
  'LOW_INCOME',
  'CHRONIC_ILLNESS',
] as const;
export type CareCategory = (typeof CARE_CATEGORIES)[number];

/** Care categories that mean a person cannot leave a building unaided: the need-to-know signal for rescuers. */
export const EVACUATION_ASSISTANCE_CATEGORIES: readonly CareCategory[] = [
  'ELDERLY_LIVING_ALONE',
  'DISABLED',
  'LEFT_BEHIND_CHILD',
];

export const KEY_PERSONNEL_CATEGORIES = [
  'COMMUNITY_CORRECTION',
  'DRUG_REHABILITATION',
  'SEVERE_MENTAL_ILLNESS',
  'RELEASED_PRISONER',
] as const;
export type KeyPersonnelCategory = (typeof KEY_PERSONNEL_CATEGORIES)[number];
