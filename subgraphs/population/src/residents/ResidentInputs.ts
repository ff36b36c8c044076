import { InputLimit } from '@civic/subgraph-kit';
import { Field, ID, InputType } from 'type-graphql';
import { CareCategory, Gender } from './enums.js';
import type { CareCategory as CareCategoryValue } from '../vocabulary.js';

@InputType({ description: 'A new resident registration.' })
export class RegisterResidentInput {
  @Field()
  name: string;

  @Field(() => Gender)
  gender: 'MALE' | 'FEMALE';

  @Field({ description: 'YYYY-MM-DD; must match the ID number.' })
  birthDate: string;

  @Field({ description: '18 characters with a valid check digit.' })
  idNumber: string;

  @Field(() => String, { nullable: true })
  phone?: string;

  @Field({ description: 'Code of the grid the resident lives in.' })
  gridCode: string;

  @Field(() => ID)
  buildingId: string;

  @Field(() => ID, { nullable: true, description: 'Join an existing household; a new one is created when absent.' })
  householdId?: string;

  @Field(() => String, { nullable: true })
  room?: string;

  @Field(() => [CareCategory], { nullable: true })
  careCategories?: CareCategoryValue[];
}

@InputType({ description: 'A care visit to a resident.' })
export class RecordCareVisitInput {
  @Field(() => ID)
  residentId: string;

  @Field()
  visitor: string;

  @Field(() => Date, { nullable: true, description: 'When the visit happened; now when absent.' })
  visitedAt?: Date;

  @InputLimit({ maxLength: 2000 })
  @Field(() => String, { nullable: true })
  notes?: string;
}
