import { LivePolicy } from '@civic/governance/sync/livePolicy';
import { catalogFromSupergraph } from '@civic/governance/policy/store';
import { isStatablePurpose, statablePurposes } from '@civic/governance/policy/purposes';
import type { PolicyPollSettings } from '@civic/governance/config';
import { ErrorCode, type Logger, type ServiceCredential } from '@civic/runtime';
import { GraphQLError } from 'graphql';

export const PURPOSE_HEADER = 'x-access-purpose';
/** The catalogue has not arrived from the access service yet: a stated purpose cannot be checked, so it is refused. */
export const PURPOSE_CATALOGUE_UNAVAILABLE = 'PURPOSE_CATALOGUE_UNAVAILABLE';

export interface PurposeCatalogueOptions {
  /** The access subgraph's URL; its policy snapshot carries the catalogue. */
  accessUrl: string;
  supergraphPath: string;
  /** The gateway's own service credential: the access service knows the caller by it. */
  credential: ServiceCredential;
  /** How often and how patiently the catalogue is polled (POLICY_POLL_*). */
  poll: PolicyPollSettings;
  logger: Logger;
}

/** Shows a caller's own header back without letting it fill the answer. */
const quoted = (text: string) => JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}...` : text);

/**
 * The purposes a caller may state, from the published policy, followed as the subgraphs follow it (the
 * last good version is kept while the access service is unreachable). Checked on every request before
 * it is planned, so a grant can only be used under the purpose it was approved for.
 */
export class PurposeCatalogue {
  private readonly policy: LivePolicy;

  constructor(options: PurposeCatalogueOptions) {
    const { accessUrl, credential, poll, logger } = options;
    this.policy = new LivePolicy({ accessUrl, credential, ...poll, logger, catalog: catalogFromSupergraph(options.supergraphPath) });
  }

  /** Starts following without waiting: until the first snapshot, a request stating a purpose is refused. */
  start(): void {
    void this.policy.start();
  }

  stop(): void {
    this.policy.stop();
  }

  known(): boolean {
    return this.policy.version() !== null;
  }

  /** Refuses the whole request when it states a purpose that is not in the catalogue, or that cannot be checked yet. */
  check(purpose: string | undefined): void {
    if (purpose === undefined) return;
    if (!this.known()) {
      throw new GraphQLError(`${PURPOSE_HEADER}: the purpose catalogue is not available yet (the access service has not answered); retry shortly, or send the request without a purpose`, {
        extensions: { code: PURPOSE_CATALOGUE_UNAVAILABLE, field: PURPOSE_HEADER, http: { status: 503 } },
      });
    }
    const { document } = this.policy.current();
    if (isStatablePurpose(document, purpose)) return;
    const codes = statablePurposes(document).map((p) => p.code);
    throw new GraphQLError(
      `${PURPOSE_HEADER}: ${quoted(purpose)} is not a purpose of the catalogue; state one of its codes (listed with their descriptions by the query { purposes { code description } }): ${codes.join(', ')}`,
      { extensions: { code: ErrorCode.BadUserInput, field: PURPOSE_HEADER, http: { status: 400 } } },
    );
  }
}
