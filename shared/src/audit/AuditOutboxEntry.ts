import { BigIntType } from '@mikro-orm/core';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * One read of a classified field, written to the reading subgraph's own database before the answer
 * leaves (the outbox), then shipped to the access service's audit trail and deleted here.
 */
@Entity({ tableName: 'audit_outbox' })
export class AuditOutboxEntry {
  @PrimaryKey({ type: new BigIntType('number'), autoincrement: true })
  id: number;

  @Property({ type: 'timestamptz' })
  at: Date;

  @Property({ length: 200 })
  subject: string;

  @Property({ length: 20 })
  department: string;

  @Property({ length: 200 })
  roles: string;

  @Property({ type: 'text', nullable: true })
  purpose: string | null;

  @Property({ length: 60 })
  typeName: string;

  @Property({ length: 60 })
  fieldName: string;

  @Property({ length: 40 })
  recordId: string;

  @Property({ length: 18, nullable: true })
  @Index({ name: 'audit_outbox_grid_code_idx' })
  recordGridCode: string | null;

  @Property({ length: 10 })
  decision: string;

  @Property({ type: 'integer', nullable: true })
  grantId: number | null;

  @Property({ length: 30 })
  subgraph: string;
}
