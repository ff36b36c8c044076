import { BigIntType } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** One classified value handed out: which field of which record, decided how, under which grant. */
export interface AuditRead {
  typeName: string;
  fieldName: string;
  recordId: string;
  recordGridCode: string | null;
  decision: string;
  grantId: number | null;
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

  @Property({ type: 'json' })
  reads: AuditRead[];
}
