import { CountSummary, ListSized, PlaceCountGroup, graphqlEnum, isoWeekOf, PLACE_DIMENSIONS, type CountDimension } from '@civic/subgraph-kit';
import { Field, ObjectType } from 'type-graphql';
import { IncidentSource, IncidentStatus, RiskType, Severity } from '../enums.js';

/** What incidents can be counted by: none of these is classified. */
export const INCIDENT_DIMENSIONS = {
  ...PLACE_DIMENSIONS,
  CATEGORY: { sql: 'r.category', output: 'category' },
  STATUS: { sql: 'r.status', output: 'status' },
  SEVERITY: { sql: 'r.severity', output: 'severity' },
  SOURCE: { sql: 'r.source', output: 'source' },
  WEEK: { sql: isoWeekOf('r.reported_at'), output: 'week' },
} as const satisfies Record<string, CountDimension>;

export type IncidentDimensionName = keyof typeof INCIDENT_DIMENSIONS;

export const IncidentDimension = graphqlEnum(Object.keys(INCIDENT_DIMENSIONS) as IncidentDimensionName[], 'IncidentDimension', 'What incidents can be counted by.');

@ObjectType({ description: 'Incidents of one group: the dimensions asked for are set, the others null.' })
export class IncidentCountGroup extends PlaceCountGroup {
  @Field(() => RiskType, { nullable: true })
  category: string | null = null;

  @Field(() => IncidentStatus, { nullable: true })
  status: string | null = null;

  @Field(() => Severity, { nullable: true })
  severity: string | null = null;

  @Field(() => IncidentSource, { nullable: true })
  source: string | null = null;

  @Field(() => String, { nullable: true, description: 'ISO week of the report (UTC), e.g. 2026-W48.' })
  week: string | null = null;
}

@ObjectType({ description: 'Incidents counted where they are kept, in the caller\'s place scope.' })
export class IncidentCounts extends CountSummary {
  // A street's communities by one small dimension; at most 5,000 (groupCounts).
  @ListSized(100)
  @Field(() => [IncidentCountGroup])
  groups: IncidentCountGroup[];
}
