import { Classified } from '@civic/governance';
import { gridCodeIndex } from '@civic/subgraph-kit';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';

@Entity({ tableName: 'timeline_entry' })
@ObjectType({ description: 'One thing a department did about an incident.' })
export class TimelineEntry {
  @PrimaryKey({ autoincrement: true })
  @Field(() => ID)
  id: number;

  @Property()
  @Index({ name: 'timeline_entry_incident_id_idx' })
  incidentId: number;

  @Property({ length: 18 })
  @Index(gridCodeIndex('timeline_entry'))
  @Field()
  gridCode: string;

  @Property({ type: 'timestamptz' })
  @Field(() => GraphQLISODateTime)
  at: Date;

  @Property({ length: 20 })
  @Field({ description: 'Code of the department that acted.' })
  department: string;

  @Property({ type: 'text' })
  @Classified('internal')
  @Field({ nullable: true, description: 'Who acted: the subject of their token.' })
  actor: string;

  @Property({ length: 100 })
  @Field({ description: 'What was done; a status name for workflow steps.' })
  action: string;

  @Property({ type: 'text', nullable: true })
  @Classified('internal')
  @Field(() => String, { nullable: true })
  note: string | null;
}
