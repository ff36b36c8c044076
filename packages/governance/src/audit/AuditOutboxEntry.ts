import { BigIntType } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * The classified values of one field handed out under one decision: which records (id and grid
 * code), decided how, under which grant. Grouping keeps the outbox row small: ids, not objects.
 */
export interface AuditReadGroup {
  field: string;
  decision: string;
  grantId: number | null;
  records: [recordId: string, gridCode: string | null][];
}

/**
 * The classified reads of one request, written to the reading subgraph's own database before the
 * answer leaves (the outbox) as one row, then shipped to the access service's audit trail, which
 * keeps one record per read, and deleted here.
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

  @Property({ length: 30 })
  subgraph: string;

  /** JSON of AuditReadGroup[], kept as text: the outbox only carries it, so PostgreSQL need not parse it. */
  @Property({ type: 'text' })
  reads: string;
}
