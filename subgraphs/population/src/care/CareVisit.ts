import { Classified } from '@civic/governance';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';

@Entity({ tableName: 'care_visit' })
@ObjectType({ description: 'A visit by a grid worker or social worker to a resident under special care.' })
export class CareVisit {
  @PrimaryKey({ autoincrement: true })
  @Field(() => ID)
  id: number;

  @Property()
  @Index({ name: 'care_visit_resident_id_idx' })
  residentId: number;

  @Property({ length: 18 })
  @Index({ name: 'care_visit_grid_code_idx' })
  @Field()
  gridCode: string;

  @Property({ type: 'timestamptz' })
  @Field(() => GraphQLISODateTime)
  visitedAt: Date;

  @Property({ length: 100 })
  @Field()
  visitor: string;

  @Property({ type: 'text', nullable: true })
  @Classified('sensitive')
  @Field(() => String, { nullable: true })
  notes: string | null;
}
