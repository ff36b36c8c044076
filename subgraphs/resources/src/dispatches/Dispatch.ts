import { Classified } from '@civic/governance';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { DispatchStatus as DispatchStatusValue } from '../vocabulary.js';
import { Directive, Field, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';
import { gridCodeIndex } from '@civic/subgraph-kit';
import { DispatchStatus } from './DispatchStatus.js';

/** A team or a quantity of one stock item sent to an incident; the incident lives in another subgraph. */
@Entity({ tableName: 'dispatch' })
@ObjectType({ description: 'A rescue team or supplies sent to an incident.' })
@Directive('@key(fields: "id")')
export class Dispatch {
  @PrimaryKey({ autoincrement: true })
  @Field(() => ID)
  id: number;

  @Property()
  @Index({ name: 'dispatch_incident_id_idx' })
  incidentId: number;

  @Property({ length: 18 })
  @Index(gridCodeIndex('dispatch'))
  @Field({ description: 'The grid of the dispatched team or of the depot the supplies came from.' })
  gridCode: string;

  @Property({ type: 'integer', nullable: true })
  @Index({ name: 'dispatch_team_id_idx' })
  teamId: number | null;

  @Property({ type: 'integer', nullable: true })
  @Index({ name: 'dispatch_stock_item_id_idx' })
  stockItemId: number | null;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'How much of the stock item was sent; null for a team.' })
  quantity: number | null;

  @Property({ type: 'text' })
  @Field(() => DispatchStatus)
  status: DispatchStatusValue;

  @Property({ type: 'timestamptz' })
  @Field(() => GraphQLISODateTime)
  dispatchedAt: Date;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  note: string | null;

  @Property({ type: 'text' })
  @Classified('internal')
  @Field({ nullable: true, description: 'department:subject of whoever dispatched it.' })
  dispatchedBy: string;
}
