import type { EntityManager, Logger } from '@civic/runtime';

/**
 * The audit trail is partitioned by month of `at` (PostgreSQL native partitioning). A month's partition
 * is made before the first record of that month is written, and dropped whole, as one DROP TABLE, once
 * its last day is older than AUDIT_RETENTION_DAYS: a megacity's trail (hundreds of millions of records a
 * day) could not be deleted row by row. Months keep the partitions few (36 for three years), so a query
 * over the whole trail, such as who read one resident, probes a few dozen indexes, not a thousand.
 */
const monthOf = (instant: Date) => new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), 1));
const monthAfter = (month: Date) => new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1));
const partitionOf = (month: Date) => `audit_record_${month.getUTCFullYear()}_${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
const PARTITION_NAME = /^audit_record_(\d{4})_(\d{2})$/;
/** Two access replicas making the same partition at once: the loser's "already exists". */
const ALREADY_EXISTS = new Set(['42P07', '23505']);

export class AuditPartitions {
  /** Partitions known to exist, so that a batch of records costs no catalogue lookup. */
  private readonly made = new Set<string>();

  constructor(
    private readonly retentionDays: number,
    private readonly logger: Logger,
  ) {}

  /** The records still inside the retention: older ones (from an outbox that waited very long) are past keeping already. */
  retained<T extends { at: Date }>(records: readonly T[], now: Date): T[] {
    const oldest = now.getTime() - this.retentionDays * 86_400_000;
    return records.filter((record) => record.at.getTime() >= oldest);
  }

  /** Makes the partitions of the months these records fall in; a month new to this process also drops what has expired. */
  async prepareFor(em: EntityManager, instants: readonly Date[]): Promise<void> {
    const months = new Map(instants.map((instant) => [partitionOf(monthOf(instant)), monthOf(instant)]));
    const fresh = [...months].filter(([name]) => !this.made.has(name));
    for (const [name, month] of fresh) await this.make(em, name, month);
    if (fresh.length) await this.dropExpired(em, new Date());
  }

  /** At start: this month's and next month's partitions, and nothing older than the retention. */
  async maintain(em: EntityManager, now: Date): Promise<void> {
    const month = monthOf(now);
    for (const each of [month, monthAfter(month)]) await this.make(em, partitionOf(each), each);
    await this.dropExpired(em, now);
  }

  private async make(em: EntityManager, name: string, month: Date): Promise<void> {
    try {
      await em.execute(`create table if not exists "${name}" partition of audit_record for values from ('${month.toISOString()}') to ('${monthAfter(month).toISOString()}')`);
    } catch (error) {
      if (!ALREADY_EXISTS.has((error as { code?: string }).code ?? '')) throw error;
    }
    this.made.add(name);
  }

  /** Drops every month whose end is older than the retention; returns their names. */
  async dropExpired(em: EntityManager, now: Date): Promise<string[]> {
    const oldest = new Date(now.getTime() - this.retentionDays * 86_400_000);
    const partitions = await em.execute<{ name: string }[]>(
      `select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent where p.relname = 'audit_record'`,
    );
    const expired = partitions
      .map(({ name }) => ({ name, parts: PARTITION_NAME.exec(name) }))
      .filter(({ parts }) => parts && monthAfter(new Date(Date.UTC(Number(parts[1]), Number(parts[2]) - 1, 1))) <= oldest)
      .map(({ name }) => name);
    for (const name of expired) {
      await em.execute(`drop table if exists "${name}"`);
      this.made.delete(name);
    }
    if (expired.length) this.logger.info({ partitions: expired, retentionDays: this.retentionDays }, 'audit records past their retention dropped');
    return expired;
  }
}
