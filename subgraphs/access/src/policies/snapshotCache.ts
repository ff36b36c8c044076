import { createHash } from 'node:crypto';
import type { PolicySnapshot } from '@civic/governance';
import type { EventSubscriber, FlushEventArgs, TransactionEventArgs } from '@mikro-orm/core';
import { AccessGrant } from '../sharing/AccessGrant.js';
import { PolicyVersion } from './PolicyVersion.js';

/**
 * A safety net, not the way changes arrive: a write this process makes invalidates the snapshot at
 * once; this bounds how long a change made elsewhere (another access replica, an operator's SQL) goes
 * unseen. Short next to the time a publish takes to be noticed by people, long next to the poll interval.
 */
export const SNAPSHOT_MAX_AGE_MS = 10_000;

export interface CachedSnapshot {
  /** Null before any policy is published. */
  body: PolicySnapshot | null;
  etag: string;
}

interface Entry {
  generation: number;
  snapshot: Promise<CachedSnapshot>;
  expiresAt: number;
}

function etagOf(body: PolicySnapshot | null): string {
  return `"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 27)}"`;
}

/** When the snapshot stops being true by itself: the age limit, or the first grant in it expiring. */
function expiryOf(body: PolicySnapshot | null, now: number): number {
  const ends = (body?.grants ?? []).map((grant) => new Date(grant.validUntil).getTime());
  return Math.min(now + SNAPSHOT_MAX_AGE_MS, ...ends);
}

/**
 * The policy snapshot every follower polls (each subgraph and gateway worker, every second), computed
 * once and kept in memory with its etag, so a poll costs no SQL and no hashing while the access service
 * is busy with other work (an audit export, a burst of audit shipping). It is recomputed when:
 * - a policy version or a grant is written through this process's ORM (a publish, rollback, purpose
 *   change, approval or revocation): the flush marks it stale, and so does the commit of the
 *   transaction it ran in, so a poll between the two cannot keep the old one;
 * - the earliest grant in it expires (the snapshot lists grants in force only);
 * - it is SNAPSHOT_MAX_AGE_MS old.
 * Polls that arrive while it is computed share the one computation.
 */
export class SnapshotCache implements EventSubscriber {
  private generation = 0;
  private entry: Entry | undefined;
  /** Transactions that wrote policy or grants and have not committed yet. */
  private readonly uncommitted = new Set<unknown>();

  constructor(
    private readonly compute: () => Promise<PolicySnapshot | null>,
    private readonly now: () => number = Date.now,
  ) {}

  current(): Promise<CachedSnapshot> {
    const { entry } = this;
    if (entry && entry.generation === this.generation && entry.expiresAt > this.now()) return entry.snapshot;
    return this.load();
  }

  private load(): Promise<CachedSnapshot> {
    const entry: Entry = { generation: this.generation, expiresAt: Number.POSITIVE_INFINITY, snapshot: Promise.resolve({ body: null, etag: '' }) };
    entry.snapshot = this.compute().then(
      (body) => {
        entry.expiresAt = expiryOf(body, this.now());
        return { body, etag: etagOf(body) };
      },
      (error: unknown) => {
        // A failed computation is not kept: the next poll tries again.
        if (this.entry === entry) this.entry = undefined;
        throw error;
      },
    );
    this.entry = entry;
    return entry.snapshot;
  }

  private invalidate(): void {
    this.generation += 1;
  }

  afterFlush({ em, uow }: FlushEventArgs): void {
    const touched = uow.getChangeSets().some(({ entity }) => entity instanceof PolicyVersion || entity instanceof AccessGrant);
    if (!touched) return;
    this.invalidate();
    if (em.isInTransaction()) this.uncommitted.add(em.getTransactionContext());
  }

  afterTransactionCommit({ transaction }: TransactionEventArgs): void {
    if (this.uncommitted.delete(transaction)) this.invalidate();
  }

  afterTransactionRollback({ transaction }: TransactionEventArgs): void {
    if (this.uncommitted.delete(transaction)) this.invalidate();
  }
}
