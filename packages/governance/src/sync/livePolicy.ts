import { signServiceToken, type ServiceCredential, metricsRegistry, type Logger } from '@civic/runtime';
import { Gauge } from 'prom-client';
import { classifiedFields, type FieldCatalog } from '../policy/catalog.js';
import { PolicyEngine } from '../policy/engine.js';
import type { PolicySnapshot } from '../policy/model.js';
import { validatePolicy } from '../policy/validate.js';

/** 0 until a policy arrives (versions start at 1): every classified field is denied meanwhile. */
const policyVersionInForce = new Gauge({
  name: 'civic_policy_version',
  help: 'Version of the access policy this subgraph enforces',
  registers: [metricsRegistry],
});

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
  pollMs: number;
  logger: Logger;
}

/**
 * Follows the access service: polls its snapshot, swaps the engine when the version or the grants
 * change, and keeps the last good snapshot while the access service is unreachable. Until the first
 * snapshot arrives, no rule exists, so every classified field is denied.
 */
export class LivePolicy implements PolicySource {
  private engine: PolicyEngine;
  private received = false;
  private etag = '';
  private failing = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: LivePolicyOptions) {
    this.engine = new PolicyEngine({ version: 0, rules: [] }, classifiedFields(options.catalog));
  }

  current(): PolicyEngine {
    return this.engine;
  }

  version(): number | null {
    return this.received ? this.engine.version : null;
  }

  async start(): Promise<void> {
    await this.poll();
    this.timer = setInterval(() => void this.poll(), this.options.pollMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async poll(): Promise<void> {
    try {
      const token = await signServiceToken(this.options.credential);
      const response = await fetch(new URL('/internal/policy-snapshot', this.options.accessUrl), {
        headers: { authorization: `Bearer ${token}`, 'if-none-match': this.etag },
        signal: AbortSignal.timeout(2000),
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
      this.recovered();
    } catch (error) {
      if (!this.failing) this.options.logger.warn({ err: error, keptVersion: this.version() }, 'cannot refresh the policy; keeping the last good version');
      this.failing = true;
    }
  }

  private recovered(): void {
    if (this.failing) this.options.logger.info({ policyVersion: this.version() }, 'policy refresh recovered');
    this.failing = false;
  }
}
