import { CountSummary, ListSized, PlaceCountGroup, graphqlEnum, isoWeekOf, PLACE_DIMENSIONS, type CountDimension } from '@civic/subgraph-kit';
import { Field, ObjectType } from 'type-graphql';
import { HazardCategory, HazardStatus, Severity } from '../enums.js';

/** What hazards can be counted by: none of these is classified. */
export const HAZARD_DIMENSIONS = {
  ...PLACE_DIMENSIONS,
  CATEGORY: { sql: 'r.category', output: 'category' },
  SEVERITY: { sql: 'r.severity', output: 'severity' },
  STATUS: { sql: 'r.status', output: 'status' },
  WEEK: { sql: isoWeekOf('r.reported_at'), output: 'week' },
} as const satisfies Record<string, CountDimension>;

export type HazardDimensionName = keyof typeof HAZARD_DIMENSIONS;

export const HazardDimension = graphqlEnum(Object.keys(HAZARD_DIMENSIONS) as HazardDimensionName[], 'HazardDimension', 'What hazards can be counted by.');

@ObjectType({ description: 'Hazards of one group: the dimensions asked for are set, the others null.' })
export class HazardCountGroup extends PlaceCountGroup {
  @Field(() => HazardCategory, { nullable: true })
  category: string | null = null;

  @Field(() => Severity, { nullable: true })
  severity: string | null = null;

  @Field(() => HazardStatus, { nullable: true })
  status: string | null = null;

  @Field(() => String, { nullable: true, description: 'ISO week of the report (UTC), e.g. 2026-W48.' })
  week: string | null = null;
}

@ObjectType({ description: 'Hazards counted where they are kept, in the caller\'s place scope.' })
export class HazardCounts extends CountSummary {
  // A street's communities by one small dimension; at most 5,000 (groupCounts).
  @ListSized(100)
  @Field(() => [HazardCountGroup])
  groups: HazardCountGroup[];
}
