import { InputLimit } from '@civic/subgraph-kit';
import type { InspectionResult as InspectionResultValue } from '../vocabulary.js';
import { Field, GraphQLISODateTime, ID, InputType } from 'type-graphql';
import { InspectionResult } from './enums.js';

@InputType({ description: 'An inspection the caller carried out; inspector and department come from the caller\'s token.' })
export class RecordInspectionInput {
  @Field(() => ID)
  buildingId: string;

  @Field(() => InspectionResult)
  result: InspectionResultValue;

  @InputLimit({ maxLength: 2000 })
  @Field()
  notes: string;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the inspection happened; now when absent.' })
  inspectedAt?: Date;
}
