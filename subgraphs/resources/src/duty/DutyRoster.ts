import { Classified } from '@civic/governance';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { gridCodeIndex } from '@civic/subgraph-kit';
import { DutyShift, type DutyShiftValue } from './DutyShift.js';

@Entity({ tableName: 'duty_roster' })
@ObjectType({ description: 'Who is on duty for a department in an area, for one shift of one day.' })
export class DutyRoster {
  @PrimaryKey({ autoincrement: true })
  @Field(() => ID)
  id: number;

  @Property({ length: 18 })
  @Index(gridCodeIndex('duty_roster'))
  @Field({ description: 'Code of the area the duty covers (a street).' })
  gridCode: string;

  @Property({ length: 20 })
  @Field({ description: 'Department code, e.g. "fire".' })
  department: string;

  @Property({ type: 'date' })
  @Index({ name: 'duty_roster_duty_date_idx' })
  @Field({ description: 'YYYY-MM-DD.' })
  dutyDate: string;

  @Property({ length: 5 })
  @Field(() => DutyShift)
  shift: DutyShiftValue;

  @Property({ length: 100 })
  @Field()
  officerName: string;

  @Property({ length: 20, nullable: true })
  @Classified('internal')
  @Field(() => String, { nullable: true })
  phone: string | null;
}
