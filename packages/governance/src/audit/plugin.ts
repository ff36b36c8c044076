import type { ApolloServerPlugin } from '@apollo/server';
import type { Orm, Logger } from '@civic/runtime';
import { AuditOutboxEntry } from './AuditOutboxEntry.js';
import type { AuditBuffer } from './buffer.js';

export interface AuditedContext {
  audit?: AuditBuffer;
}

/**
 * No answer leaves carrying a classified value whose audit record is not durably stored: the
 * request's reads go into the outbox as one row before the response is sent, and if that fails the
 * answer is withheld.
 */
export function auditPlugin(orm: Orm, logger: Logger): ApolloServerPlugin<AuditedContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const audit = contextValue.audit;
          if (!audit || audit.size === 0) return;
          try {
            await orm.em.fork().insert(AuditOutboxEntry, audit.toOutboxRow());
          } catch (error) {
            logger.error({ err: error, reads: audit.size }, 'audit write failed; answer withheld');
            if (response.body.kind === 'single') {
              response.body.singleResult = {
                errors: [{ message: 'The audit trail is unavailable, so the answer was withheld; try again shortly', extensions: { code: 'AUDIT_UNAVAILABLE' } }],
              };
            }
          }
        },
      };
    },
  };
}
