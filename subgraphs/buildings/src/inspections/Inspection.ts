import { Classified } from '@civic/governance';
import { gridCodeIndex } from '@civic/subgraph-kit';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { InspectionResult as InspectionResultValue } from '../vocabulary.js';
import { Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import { InspectionResult } from './enums.js';

@Entity({ tableName: 'inspection' })
@ObjectType({ description: 'A safety inspection of a building by a department.' })
export class Inspection {
  @PrimaryKey({ autoincrement: true })
  @Field(() => ID)
  id: number;

  @Property()
  @Index({ name: 'inspection_building_id_idx' })
  buildingId: number;

  @Property({ length: 18 })
  @Index(gridCodeIndex('inspection'))
  @Field({ description: 'The grid of the inspected building.' })
  gridCode: string;

  @Property({ type: 'timestamptz' })
  @Field(() => GraphQLISODateTime)
  inspectedAt: Date;

  @Property({ length: 255 })
  @Field({ description: 'Who inspected: the subject of the inspector\'s token.' })
  inspector: string;

  @Property({ length: 20 })
  @Field({ description: 'Code of the inspecting department.' })
  department: string;

  @Property({ length: 20 })
  @Field(() => InspectionResult)
  result: InspectionResultValue;

  @Property({ type: 'text' })
  @Classified('internal')
  @Field(() => String, { nullable: true })
  notes: string;
}
