import type { Identity } from '../identity.js';
import type { Decision } from '../policy/model.js';
import type { AuditRead } from './AuditOutboxEntry.js';

/** The classified reads of one request, collected while it executes and written before it answers. */
export class AuditBuffer {
  readonly reads: AuditRead[] = [];
  readonly at = new Date();
  private readonly seen = new Set<string>();

  constructor(
    readonly identity: Identity,
    readonly subgraph: string,
  ) {}

  record(field: string, record: Record<string, unknown> | null | undefined, decision: Decision): void {
    const recordId = String(record?.id ?? record?.code ?? '');
    const key = `${field}|${recordId}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const dot = field.indexOf('.');
    this.reads.push({
      typeName: field.slice(0, dot),
      fieldName: field.slice(dot + 1),
      recordId,
      recordGridCode: typeof record?.gridCode === 'string' ? record.gridCode : null,
      decision: decision.effect,
      grantId: decision.grantId ?? null,
    });
  }

  /** The outbox row: who asked, why, and every read, in one row however many there were. */
  toOutboxRow() {
    return {
      at: this.at,
      subject: this.identity.subject,
      department: this.identity.department,
      roles: this.identity.roles.join(','),
      purpose: this.identity.purpose ?? null,
      subgraph: this.subgraph,
      reads: this.reads,
    };
  }
}
