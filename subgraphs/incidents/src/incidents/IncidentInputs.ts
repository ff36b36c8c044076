import { InputLimit } from '@civic/subgraph-kit';
import type { IncidentSource as IncidentSourceValue } from '../vocabulary.js';
import type { RiskType as RiskTypeValue, Severity as SeverityValue } from '@civic/subgraph-kit';
import { Field, GraphQLISODateTime, ID, InputType } from 'type-graphql';
import { IncidentSource, RiskType, Severity } from './enums.js';

@InputType({ description: 'A new incident, as a reporter or duty desk records it.' })
export class ReportIncidentInput {
  @Field(() => RiskType)
  category: RiskTypeValue;

  @Field(() => IncidentSource)
  source: IncidentSourceValue;

  @Field(() => Severity)
  severity: SeverityValue;

  @Field()
  title: string;

  @InputLimit({ maxLength: 4000 })
  @Field()
  description: string;

  @Field({ description: '15-digit code of the grid it happened in; must be inside the caller\'s jurisdiction.' })
  gridCode: string;

  @Field(() => ID, { nullable: true })
  buildingId?: string;

  @Field(() => ID, { nullable: true, description: 'The resident who reported it, if a resident did.' })
  reporterResidentId?: string;

  @InputLimit({ maxItems: 50 })
  @Field(() => [ID], { nullable: true, description: 'At most 50.' })
  involvedResidentIds?: string[];

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it must be resolved by; by default 1 to 15 days from now depending on severity.' })
  deadline?: Date;
}
