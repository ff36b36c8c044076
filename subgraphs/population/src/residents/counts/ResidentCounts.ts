import { Field, Int, ObjectType } from 'type-graphql';
import { CareCategory, Gender } from '../enums.js';

@ObjectType({ description: 'Residents of one group: the dimensions asked for are set, the others null.' })
export class ResidentCountGroup {
  @Field(() => String, { nullable: true, description: 'Street code (9 digits).' })
  street: string | null = null;

  @Field(() => String, { nullable: true, description: 'Community code (12 digits).' })
  community: string | null = null;

  @Field(() => String, { nullable: true })
  grid: string | null = null;

  @Field(() => CareCategory, { nullable: true })
  careCategory: string | null = null;

  @Field(() => String, { nullable: true, description: '0-17, 18-59, 60-79 or 80+.' })
  ageBand: string | null = null;

  @Field(() => Gender, { nullable: true })
  gender: string | null = null;

  @Field(() => Boolean, { nullable: true })
  needsEvacuationAssistance: boolean | null = null;

  @Field(() => Int, { nullable: true, description: 'How many; null when suppressed (a special group under the threshold).' })
  count: number | null;

  @Field()
  suppressed: boolean;
}

@ObjectType({ description: 'Residents counted where they live, under the same rules and place scope as reading them.' })
export class ResidentCounts {
  @Field(() => [ResidentCountGroup])
  groups: ResidentCountGroup[];

  @Field(() => Int, { nullable: true, description: 'Residents matching, each once (a resident in two care categories is in two groups); protected like the groups.' })
  total: number | null;

  @Field()
  totalSuppressed: boolean;

  @Field({ description: 'EXACT, or SUPPRESSED_AND_ROUNDED when a special field (the policy\'s smallCounts.fields) is grouped or filtered by: counts under the threshold are withheld and all others, the total too, rounded to a multiple of 5, so that no withheld count can be recovered by subtraction.' })
  protection: string;

  @Field(() => Int, { nullable: true, description: 'The smallest count shown, under SUPPRESSED_AND_ROUNDED (the policy\'s smallCounts.threshold).' })
  threshold: number | null;
}
