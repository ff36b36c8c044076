import { AsyncLocalStorage } from 'node:async_hooks';
import type { ServerResponse } from 'node:http';

/**
 * Each GraphQL request runs with an AbortSignal that fires when its deadline passes or its client goes
 * away. Work started on its behalf (the gateway's subgraph fetches, a subgraph's SQL statements) reads
 * the signal from the async context, so that no layer in between (Apollo Server, Apollo Gateway,
 * MikroORM) has to pass it along.
 */

export class RequestDeadlineExceeded extends Error {
  override name = 'RequestDeadlineExceeded';

  constructor(readonly timeoutMs: number) {
    super(`The request did not complete within ${timeoutMs} ms`);
  }
}

export class ClientDisconnected extends Error {
  override name = 'ClientDisconnected';

  constructor() {
    super('The client closed the connection before the answer was ready');
  }
}

const requestSignals = new AsyncLocalStorage<AbortSignal>();

export function withRequestSignal<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  return requestSignals.run(signal, work);
}

/** The signal of the request this code works for; undefined for background work (policy sync, audit shipping). */
export function currentRequestSignal(): AbortSignal | undefined {
  return requestSignals.getStore();
}

export interface RequestCancellation {
  signal: AbortSignal;
  /** Stops the deadline's timer once the answer is sent. */
  dispose: () => void;
}

/** Aborts when `timeoutMs` pass or the response's connection closes before the answer was sent. */
export function cancelOnDeadlineOrDisconnect(res: ServerResponse, timeoutMs: number): RequestCancellation {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new RequestDeadlineExceeded(timeoutMs)), timeoutMs);
  const onClose = () => {
    if (!res.writableFinished) controller.abort(new ClientDisconnected());
  };
  res.once('close', onClose);
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer);
      res.off('close', onClose);
    },
  };
}

/** Settles with the work's result, or rejects with the signal's reason as soon as it aborts. */
export function untilAborted<T>(signal: AbortSignal, work: Promise<T>): Promise<T> {
  // The work keeps running after an abort (it stops at its next cancellable step); its late failure is nobody's to report.
  work.catch(() => undefined);
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
