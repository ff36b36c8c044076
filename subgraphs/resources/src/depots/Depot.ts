import { Classified } from '@civic/governance';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { gridCodeIndex } from '@civic/subgraph-kit';

@Entity({ tableName: 'depot' })
@ObjectType({ description: 'A reserve depot holding emergency supplies.' })
export class Depot {
  @PrimaryKey({ autoincrement: true })
  @Field(() => ID)
  id: number;

  @Property({ length: 100 })
  @Field()
  name: string;

  @Property({ length: 18 })
  @Index(gridCodeIndex('depot'))
  @Field({ description: 'The grid the depot stands in.' })
  gridCode: string;

  @Property({ length: 200 })
  @Field()
  address: string;

  @Property({ length: 100 })
  @Field()
  managerName: string;

  @Property({ length: 20, nullable: true })
  @Classified('internal')
  @Field(() => String, { nullable: true })
  managerPhone: string | null;
}
