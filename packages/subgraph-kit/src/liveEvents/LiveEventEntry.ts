import { BigIntType } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * A thin event for the live service: what happened to which record in which grid, never a value of
 * the record. Written in the same transaction as the change, so a change that commits always has its
 * event and a rolled-back one never does; shipped to the live service and deleted here.
 */
@Entity({ tableName: 'live_outbox' })
export class LiveEventEntry {
  @PrimaryKey({ type: new BigIntType('number'), autoincrement: true })
  id: number;

  /** e.g. `incident.reported`, `incident.transitioned`, `dispatch.created`. */
  @Property({ length: 40 })
  kind: string;

  @Property({ length: 20 })
  recordId: string;

  @Property({ length: 18 })
  gridCode: string;

  @Property({ type: 'timestamptz' })
  occurredAt: Date;
}
