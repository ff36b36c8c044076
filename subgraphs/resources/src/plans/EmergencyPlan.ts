import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';
import { gridCodeIndex, type RiskType as RiskTypeValue } from '@civic/subgraph-kit';
import { RiskType } from './RiskType.js';

@Entity({ tableName: 'emergency_plan' })
@ObjectType({ description: 'How an area responds to one kind of risk.' })
export class EmergencyPlan {
  @PrimaryKey({ autoincrement: true })
  @Field(() => ID)
  id: number;

  @Property({ length: 200 })
  @Field()
  title: string;

  @Property({ type: 'text' })
  @Field(() => RiskType)
  riskType: RiskTypeValue;

  @Property({ length: 18 })
  @Index(gridCodeIndex('emergency_plan'))
  @Field({ description: 'Code of the area the plan covers: a district or street.' })
  gridCode: string;

  @Property()
  @Field(() => Int, { description: 'Response level, 1 (most severe) to 4.' })
  level: number;

  @Property({ type: 'text' })
  @Field()
  summary: string;

  @Property({ type: 'timestamptz' })
  @Field(() => GraphQLISODateTime)
  updatedAt: Date;
}
