/** What the gateway (or the network) said when a request got no usable answer. */
export interface Reported {
  code: string;
  message: string;
}

/** A request that got no usable answer: main prints each `CODE: message` on stderr and exits 1. */
export class RequestFailed extends Error {
  constructor(readonly reported: Reported[]) {
    super(reported.map((r) => `${r.code}: ${r.message}`).join('\n'));
  }
}

interface ErrorBody {
  errors?: { message?: string; extensions?: { code?: unknown } }[];
}

/** The errors in a body shaped `{ errors: [{ message, extensions: { code } }] }`, as the gateway sends them. */
export function reportedInBody(body: unknown): Reported[] {
  const errors = (body as ErrorBody | null)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.map((e) => ({ code: typeof e.extensions?.code === 'string' ? e.extensions.code : 'ERROR', message: e.message ?? 'no message' }));
}

/** fetch's own failure (refused connection, DNS, TLS) names what went wrong only in its `cause`. */
export function networkFailure(error: unknown): RequestFailed {
  const cause = (error as { cause?: { message?: string } }).cause?.message;
  const message = error instanceof Error ? error.message : String(error);
  return new RequestFailed([{ code: 'NETWORK_ERROR', message: cause ? `${message} (${cause})` : message }]);
}
