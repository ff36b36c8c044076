import { Classified } from '@civic/governance';
import { gridCodeIndex } from '@civic/subgraph-kit';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { BuildingStructure as BuildingStructureValue, BuildingUse as BuildingUseValue } from '../vocabulary.js';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { BuildingStructure, BuildingUse } from './enums.js';

@Entity({ tableName: 'building' })
@ObjectType({ description: 'A building in the city: its use, structure and who manages it.' })
@Directive('@key(fields: "id")')
export class Building {
  @PrimaryKey({ autoincrement: true })
  @Field(() => ID)
  id: number;

  @Property({ length: 200 })
  @Field()
  address: string;

  @Property({ length: 18 })
  @Index(gridCodeIndex('building'))
  @Field({ description: 'The grid the building stands in; codes are hierarchical.' })
  gridCode: string;

  @Property({ length: 20 })
  @Field(() => BuildingUse)
  use: BuildingUseValue;

  @Property({ length: 20 })
  @Field(() => BuildingStructure)
  structure: BuildingStructureValue;

  @Property()
  @Field(() => Int)
  floors: number;

  @Property()
  @Field(() => Int)
  yearBuilt: number;

  @Property({ length: 100 })
  @Classified('internal')
  @Field({ nullable: true, description: 'The person responsible for the building\'s safety.' })
  managerName: string;

  @Property({ length: 20, nullable: true })
  @Classified('sensitive')
  @Field(() => String, { nullable: true })
  managerPhone: string | null;

  @Property()
  @Field({ description: 'A fire-safety key place (hostel, market, warehouse, some shops), inspected more often.' })
  fireKeyPlace: boolean;
}
