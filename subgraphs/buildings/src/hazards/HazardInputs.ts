import { InputLimit } from '@civic/subgraph-kit';
import type { HazardCategory as HazardCategoryValue } from '../vocabulary.js';
import type { Severity as SeverityValue } from '@civic/subgraph-kit';
import { Field, GraphQLISODateTime, ID, InputType } from 'type-graphql';
import { HazardCategory, Severity } from './enums.js';

@InputType({ description: 'A newly found hazard in a building.' })
export class RecordHazardInput {
  @Field(() => ID)
  buildingId: string;

  @Field(() => HazardCategory)
  category: HazardCategoryValue;

  @Field(() => Severity)
  severity: SeverityValue;

  @InputLimit({ maxLength: 2000 })
  @Field()
  description: string;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When it must be rectified by; when absent, 3 days for CRITICAL, 7 for HIGH, 30 for MEDIUM, 90 for LOW.',
  })
  deadline?: Date;
}
