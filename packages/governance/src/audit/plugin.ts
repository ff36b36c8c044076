import type { ApolloServerPlugin } from '@apollo/server';
import { GroupCommit, type Orm, type Logger } from '@civic/runtime';
import { AuditOutboxEntry } from './AuditOutboxEntry.js';
import type { AuditBuffer } from './buffer.js';

type AuditOutboxRow = ReturnType<AuditBuffer['toOutboxRow']>;

export interface AuditedContext {
  audit?: AuditBuffer;
}

/**
 * No answer leaves carrying a classified value whose audit record is not durably stored: the
 * request's reads go into the outbox as one row before the response is sent, and if that fails the
 * answer is withheld. Requests finishing together share one INSERT (group commit): under load that is
 * one statement and one commit for many answers, each still sent only once its own row is stored.
 */
export function auditPlugin(orm: Orm, logger: Logger): ApolloServerPlugin<AuditedContext> {
  const outbox = new GroupCommit<AuditOutboxRow>((rows) => orm.em.fork().insertMany(AuditOutboxEntry, rows).then(() => undefined));
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const audit = contextValue.audit;
          if (!audit || audit.size === 0) return;
          try {
            await outbox.write(audit.toOutboxRow());
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
