/**
 * A GraphQL-over-SSE client (distinct connections mode, as graphql-sse serves it) for tests and the
 * benchmark: one POST per subscription, its answer read as server-sent events.
 */
export interface LiveMessage {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export interface LiveSubscription {
  /** Every `next` message received so far, in order. */
  messages: LiveMessage[];
  /** Resolves with the first message (from the start) that satisfies `match`; rejects if the stream ends first. */
  waitFor: (match: (message: LiveMessage) => boolean) => Promise<LiveMessage>;
  /** Resolves when the server ends the stream (complete, or the connection dropped). */
  ended: Promise<void>;
  /** The HTTP status of the answer (200 for a stream). */
  status: Promise<number>;
  close: () => void;
}

export interface LiveOptions {
  token: string;
  purpose?: string;
  /** Called with each message as it arrives (the benchmark times deliveries here). */
  onMessage?: (message: LiveMessage) => void;
}

export function subscribeLive(url: string, query: string, variables: Record<string, unknown>, options: LiveOptions): LiveSubscription {
  const messages: LiveMessage[] = [];
  const waiters = new Set<() => void>();
  const abort = new AbortController();
  let finished = false;
  let resolveStatus!: (status: number) => void;
  const status = new Promise<number>((resolve) => (resolveStatus = resolve));
  const notify = () => waiters.forEach((waiter) => waiter());

  const ended = (async () => {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          accept: 'text/event-stream',
          'content-type': 'application/json',
          authorization: `Bearer ${options.token}`,
          ...(options.purpose ? { 'x-access-purpose': options.purpose } : {}),
        },
        body: JSON.stringify({ query, variables }),
        signal: abort.signal,
      });
      resolveStatus(response.status);
      if (!response.ok || !response.body) {
        messages.push(JSON.parse((await response.text()) || '{}') as LiveMessage);
        return;
      }
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = [...block.matchAll(/^data: ?(.*)$/gm)].map((m) => m[1]).join('\n');
          if (event === 'next' && data) {
            const message = JSON.parse(data) as LiveMessage;
            messages.push(message);
            options.onMessage?.(message);
            notify();
          }
          if (event === 'complete') return;
        }
      }
    } catch {
      // Closed by us, or the server went away: the stream has ended either way.
    } finally {
      resolveStatus(0);
      finished = true;
      notify();
    }
  })();

  const waitFor = (match: (message: LiveMessage) => boolean) =>
    new Promise<LiveMessage>((resolve, reject) => {
      const check = () => {
        const found = messages.find(match);
        if (found) {
          waiters.delete(check);
          resolve(found);
        } else if (finished) {
          waiters.delete(check);
          reject(new Error(`the stream ended without such a message; received: ${JSON.stringify(messages)}`));
        }
      };
      waiters.add(check);
      check();
    });

  return { messages, waitFor, ended, status, close: () => abort.abort() };
}
