import type { Identity } from '../identity.js';
import type { Decision } from '../policy/model.js';

export interface AuditEntry {
  at: Date;
  subject: string;
  department: string;
  roles: string;
  purpose: string | null;
  typeName: string;
  fieldName: string;
  recordId: string;
  recordGridCode: string | null;
  decision: string;
  grantId: number | null;
  subgraph: string;
}

/** The classified reads of one request, collected while it executes and written before it answers. */
export class AuditBuffer {
  readonly entries: AuditEntry[] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly identity: Identity,
    private readonly subgraph: string,
  ) {}

  record(field: string, record: Record<string, unknown> | null | undefined, decision: Decision): void {
    const recordId = String(record?.id ?? record?.code ?? '');
    const key = `${field}|${recordId}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const [typeName, fieldName] = field.split('.') as [string, string];
    this.entries.push({
      at: new Date(),
      subject: this.identity.subject,
      department: this.identity.department,
      roles: this.identity.roles.join(','),
      purpose: this.identity.purpose ?? null,
      typeName,
      fieldName,
      recordId,
      recordGridCode: typeof record?.gridCode === 'string' ? record.gridCode : null,
      decision: decision.effect,
      grantId: decision.grantId ?? null,
      subgraph: this.subgraph,
    });
  }
}
