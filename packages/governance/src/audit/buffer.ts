import type { Identity } from '@civic/runtime';
import type { Decision } from '../policy/model.js';
import type { AuditReadGroup } from './AuditOutboxEntry.js';

/** The classified reads of one request, collected while it executes and written before it answers. */
export class AuditBuffer {
  readonly at = new Date();
  private readonly groups = new Map<string, { group: AuditReadGroup; seen: Set<string> }>();
  private count = 0;

  constructor(
    readonly identity: Identity,
    readonly subgraph: string,
  ) {}

  get size(): number {
    return this.count;
  }

  record(field: string, record: Record<string, unknown> | null | undefined, decision: Decision): void {
    const grantId = decision.grantId ?? null;
    const key = `${field}|${decision.effect}|${grantId ?? ''}`;
    let entry = this.groups.get(key);
    if (!entry) {
      entry = { group: { field, decision: decision.effect, grantId, records: [] }, seen: new Set() };
      this.groups.set(key, entry);
    }
    const recordId = String(record?.id ?? record?.code ?? '');
    if (entry.seen.has(recordId)) return;
    entry.seen.add(recordId);
    entry.group.records.push([recordId, typeof record?.gridCode === 'string' ? record.gridCode : null]);
    this.count += 1;
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
      reads: JSON.stringify([...this.groups.values()].map((entry) => entry.group)),
    };
  }
}
