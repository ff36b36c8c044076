import { gridCodeIndex, type Severity as SeverityValue } from '@civic/subgraph-kit';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { HazardCategory as HazardCategoryValue, HazardStatus as HazardStatusValue } from '../vocabulary.js';
import { Directive, Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import { HazardCategory, HazardStatus, Severity } from './enums.js';

@Entity({ tableName: 'hazard' })
@ObjectType({ description: 'A hidden hazard found in a building, and its rectification.' })
@Directive('@key(fields: "id")')
export class Hazard {
  @PrimaryKey({ autoincrement: true })
  @Field(() => ID)
  id: number;

  @Property()
  @Index({ name: 'hazard_building_id_idx' })
  buildingId: number;

  @Property({ length: 18 })
  @Index(gridCodeIndex('hazard'))
  @Field({ description: 'The grid of the building the hazard is in.' })
  gridCode: string;

  @Property({ length: 30 })
  @Field(() => HazardCategory)
  category: HazardCategoryValue;

  @Property({ length: 10 })
  @Field(() => Severity)
  severity: SeverityValue;

  @Property({ length: 12 })
  @Index({ name: 'hazard_status_idx' })
  @Field(() => HazardStatus)
  status: HazardStatusValue;

  @Property({ type: 'text' })
  @Field(() => String, { nullable: true })
  description: string;

  @Property({ type: 'timestamptz' })
  @Field(() => GraphQLISODateTime)
  reportedAt: Date;

  @Property({ type: 'timestamptz' })
  @Field(() => GraphQLISODateTime, { description: 'When the hazard must be rectified by.' })
  deadline: Date;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => GraphQLISODateTime, { nullable: true })
  closedAt: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'What was done about the hazard; required to close it.' })
  rectificationNote: string | null;
}
