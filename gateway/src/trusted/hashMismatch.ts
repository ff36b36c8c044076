import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '@civic/runtime';

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/** Apollo Server's own words when a persisted query's hash is not its text's; it gives them no code. */
const APOLLO_HASH_MISMATCH = 'provided sha does not match query';

/**
 * A text sent under a hash that is not its own (a reviewed operation's hash over another text) is the
 * client's mistake: BAD_USER_INPUT naming the hash, instead of the generic internal error an uncoded
 * error would become.
 */
export function namingHashMismatch(format: FormatError): FormatError {
  return (formatted, error) => {
    if (formatted.message !== APOLLO_HASH_MISMATCH) return format(formatted, error);
    const field = 'extensions.persistedQuery.sha256Hash';
    return format({ message: `${field}: is not the SHA-256 of the query sent with it`, extensions: { code: ErrorCode.BadUserInput, field } }, error);
  };
}
