import { Classified } from '@civic/governance';
import { gridCodeIndex } from '@civic/subgraph-kit';
import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { CareCategory as CareCategoryValue, KeyPersonnelCategory as KeyPersonnelValue } from '../vocabulary.js';
import { Directive, Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import { CareCategory, Gender, KeyPersonnelCategory } from './enums.js';

@Entity({ tableName: 'resident' })
@ObjectType({ description: 'A person registered as living in the city.' })
@Directive('@key(fields: "id")')
export class Resident {
  @PrimaryKey({ autoincrement: true })
  @Field(() => ID)
  id: number;

  @Property({ length: 100 })
  @Index({ name: 'resident_name_idx' })
  @Classified('internal')
  @Field(() => String, { nullable: true })
  name: string;

  @Property({ length: 6 })
  @Field(() => Gender)
  gender: 'MALE' | 'FEMALE';

  @Property({ type: 'date' })
  @Classified('sensitive')
  @Field(() => String, { nullable: true, description: 'ISO date, YYYY-MM-DD.' })
  birthDate: string;

  @Property({ length: 18 })
  @Index(gridCodeIndex('resident'))
  @Field({ description: 'The grid the resident lives in; codes are hierarchical.' })
  gridCode: string;

  @Property({ length: 18 })
  @Unique({ name: 'resident_id_number_unique' })
  @Classified('highly_sensitive')
  @Field(() => String, { nullable: true, description: 'National 18-character resident ID number.' })
  idNumber: string | null;

  @Property({ length: 20, nullable: true })
  @Classified('sensitive')
  @Field(() => String, { nullable: true })
  phone: string | null;

  @Property()
  @Index({ name: 'resident_building_id_idx' })
  buildingId: number;

  @Property()
  @Index({ name: 'resident_household_id_idx' })
  householdId: number;

  @Property({ type: 'text[]' })
  @Classified('highly_sensitive')
  @Field(() => [CareCategory], { nullable: true, description: 'Special-care categories (civil affairs).' })
  careCategories: CareCategoryValue[];

  @Property({ type: 'text', nullable: true })
  @Classified('highly_sensitive')
  @Field(() => KeyPersonnelCategory, { nullable: true, description: 'Key-personnel category (public security).' })
  keyPersonnelCategory: KeyPersonnelValue | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  @Field(() => GraphQLISODateTime)
  registeredAt: Date;
}
