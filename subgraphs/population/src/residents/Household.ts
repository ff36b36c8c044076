import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';

@Entity({ tableName: 'household' })
@ObjectType({ description: 'People registered at one address as one household.' })
export class Household {
  @PrimaryKey({ autoincrement: true })
  @Field(() => ID)
  id: number;

  @Property()
  @Index({ name: 'household_building_id_idx' })
  buildingId: number;

  @Property({ length: 18 })
  @Index({ name: 'household_grid_code_idx' })
  @Field()
  gridCode: string;

  @Property({ length: 20 })
  @Field({ description: 'Room or unit within the building.' })
  room: string;
}
