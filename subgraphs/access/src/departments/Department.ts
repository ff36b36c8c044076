import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ObjectType } from 'type-graphql';

/** A department of the city; its data officer governs the fields of the subgraphs it owns. */
@Entity({ tableName: 'department' })
@ObjectType({ description: 'A department and the subgraphs whose data it owns.' })
export class Department {
  @PrimaryKey({ length: 20 })
  @Field()
  code: string;

  @Property({ length: 100 })
  @Field()
  name: string;

  @Property({ type: 'text[]' })
  @Field(() => [String], { description: 'Subgraphs whose field rules this department\'s data officer may change and whose sharing requests it decides.' })
  ownedSubgraphs: string[];
}
