import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { gridCodeIndex } from '@civic/subgraph-kit';

@Entity({ tableName: 'shelter' })
@ObjectType({ description: 'An emergency shelter and how many people it holds now.' })
export class Shelter {
  @PrimaryKey({ autoincrement: true })
  @Field(() => ID)
  id: number;

  @Property({ length: 100 })
  @Field()
  name: string;

  @Property({ length: 18 })
  @Index(gridCodeIndex('shelter'))
  @Field({ description: 'The grid the shelter stands in.' })
  gridCode: string;

  @Property({ length: 200 })
  @Field()
  address: string;

  @Property()
  @Field(() => Int, { description: 'People it can hold.' })
  capacity: number;

  @Property()
  @Field(() => Int, { description: 'People sheltering there now.' })
  occupancy: number;
}
