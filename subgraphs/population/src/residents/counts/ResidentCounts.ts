import { CountSummary, ListSized, PlaceCountGroup } from '@civic/subgraph-kit';
import { Field, ObjectType } from 'type-graphql';
import { CareCategory, Gender } from '../enums.js';

@ObjectType({ description: 'Residents of one group: the dimensions asked for are set, the others null.' })
export class ResidentCountGroup extends PlaceCountGroup {
  @Field(() => CareCategory, { nullable: true })
  careCategory: string | null = null;

  @Field(() => String, { nullable: true, description: '0-17, 18-59, 60-79 or 80+.' })
  ageBand: string | null = null;

  @Field(() => Gender, { nullable: true })
  gender: string | null = null;

  @Field(() => Boolean, { nullable: true })
  needsEvacuationAssistance: boolean | null = null;
}

@ObjectType({ description: 'Residents counted where they live, under the same rules and place scope as reading them.' })
export class ResidentCounts extends CountSummary {
  // A street's communities by one small dimension; at most 5,000 (groupCounts).
  @ListSized(100)
  @Field(() => [ResidentCountGroup])
  groups: ResidentCountGroup[];
}
