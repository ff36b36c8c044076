import { signServiceToken, type ServiceCredential, metricsRegistry, type Logger } from '@civic/runtime';
import { Counter, Gauge } from 'prom-client';
import { classifiedFields, type FieldCatalog } from '../policy/catalog.js';
import { PolicyEngine } from '../policy/engine.js';
import type { PolicySnapshot } from '../policy/model.js';
import { validatePolicy } from '../policy/validate.js';
import { PollChain, type PollOutcome, type PollTiming, type Timers } from './pollSchedule.js';

/** 0 until a policy arrives (versions start at 1): every classified field is denied meanwhile. */
const policyVersionInForce = new Gauge({
  name: 'civic_policy_version',
  help: 'Version of the access policy this subgraph enforces',
  registers: [metricsRegistry],
});

/** The delay in following the policy is `time() - civic_policy_refreshed_at_seconds`; 0 until the first refresh. */
const policyRefreshedAt = new Gauge({
  name: 'civic_policy_refreshed_at_seconds',
  help: 'Unix time of the last successful policy refresh (a new snapshot or "not modified")',
  registers: [metricsRegistry],
});

const policyRefreshFailures = new Counter({
  name: 'civic_policy_refresh_failures_total',
  help: 'Policy polls that failed (no answer within the timeout, an error status, an invalid snapshot)',
  registers: [metricsRegistry],
});

/** fetch's "fetch failed" whose cause is a refused TCP connection: nothing listens on that port. */
function connectionRefused(error: unknown): boolean {
  // By its cause's code, not `instanceof`: fetch's errors come from Node's own realm, which a VM context (jest) does not share.
  return (error as { cause?: { code?: unknown } } | undefined)?.cause?.code === 'ECONNREFUSED';
}

/** Where a subgraph gets the policy it enforces. */
export interface PolicySource {
  current(): PolicyEngine;
  /** The version in force, or null before any was received (every classified field is then denied). */
  version(): number | null;
  stop(): void;
}

export class StaticPolicy implements PolicySource {
  constructor(private readonly engine: PolicyEngine) {}
  current(): PolicyEngine {
    return this.engine;
  }
  version(): number | null {
    return this.engine.version;
  }
  stop(): void {}
}

export interface LivePolicyOptions {
  accessUrl: string;
  catalog: FieldCatalog;
  /** This service's own credential: the access service takes the caller's identity from it. */
  credential: ServiceCredential;
  /** The wait between polls, and the longest wait while they fail. */
  timing: PollTiming;
  /** How long one poll may take (POLICY_POLL_TIMEOUT_MS). */
  timeoutMs: number;
  logger: Logger;
  /** Test seam: timers and randomness of the poll schedule. */
  timers?: Timers;
}

/**
 * Follows the access service: polls its snapshot, swaps the engine when the version or the grants
 * change, and keeps the last good snapshot while the access service is unreachable. Until the first
 * snapshot arrives, no rule exists, so every classified field is denied. Polls never overlap and back
 * off while they fail (pollSchedule.ts).
 */
export class LivePolicy implements PolicySource {
  private engine: PolicyEngine;
  private received = false;
  private etag = '';
  private failing = false;
  private readonly chain: PollChain;

  constructor(private readonly options: LivePolicyOptions) {
    this.engine = new PolicyEngine({ version: 0, rules: [] }, classifiedFields(options.catalog));
    this.chain = new PollChain(() => this.poll(), options.timing, options.timers);
  }

  current(): PolicyEngine {
    return this.engine;
  }

  version(): number | null {
    return this.received ? this.engine.version : null;
  }

  /** Resolves once the first poll has ended, whatever its outcome. */
  async start(): Promise<void> {
    await this.chain.start();
  }

  stop(): void {
    this.chain.stop();
  }

  /** One poll: succeeded when the policy in force is now the access service's latest. */
  private async poll(): Promise<PollOutcome> {
    try {
      const token = await signServiceToken(this.options.credential);
      const response = await fetch(new URL('/internal/policy-snapshot', this.options.accessUrl), {
        headers: { authorization: `Bearer ${token}`, 'if-none-match': this.etag },
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      if (response.status === 304) return this.recovered();
      if (!response.ok) throw new Error(`access service answered ${response.status}`);
      const snapshot = (await response.json()) as PolicySnapshot;
      const document = validatePolicy(snapshot.document, this.options.catalog, `policy version ${snapshot.version}`);
      this.engine = new PolicyEngine(document, classifiedFields(this.options.catalog), snapshot.grants, snapshot.version);
      this.etag = response.headers.get('etag') ?? '';
      this.received = true;
      policyVersionInForce.set(snapshot.version);
      this.options.logger.info({ policyVersion: snapshot.version, grants: snapshot.grants.length }, 'policy in force');
      return this.recovered();
    } catch (error) {
      policyRefreshFailures.inc();
      if (!this.failing) this.options.logger.warn({ err: error, keptVersion: this.version() }, 'cannot refresh the policy; keeping the last good version, retrying');
      this.failing = true;
      return connectionRefused(error) ? 'not-listening' : 'failed';
    }
  }

  private recovered(): PollOutcome {
    policyRefreshedAt.set(Date.now() / 1000);
    if (this.failing) this.options.logger.info({ policyVersion: this.version() }, 'policy refresh recovered');
    this.failing = false;
    return 'succeeded';
  }
}
