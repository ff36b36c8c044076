import { useEffect, useRef, useState } from 'react';
import { createClient } from 'graphql-sse';

/** How the screen learns of changes: from the live feeds, by polling while they are unavailable, or neither yet. */
export type FeedMode = 'connecting' | 'live' | 'polling';

export interface Feed {
  query: string;
  variables?: Record<string, unknown>;
}

/** The live feeds on the gateway's own origin (it passes them through to the live service). */
const STREAM_URL = '/graphql/stream';
/** While polling, how long before the live feeds are tried again. */
const RETRY_LIVE_MS = 30_000;

/**
 * Subscribes to `feeds` over GraphQL over SSE with the signed-in user's token and calls `onChange` on
 * each delivery, and once when all are open (to catch up on what happened before). Any failure (the
 * gateway answers 503 LIVE_UNAVAILABLE without a live service, a stream ends, the network drops) turns
 * the mode to polling, and the feeds are tried again a little later. The caller polls while the mode
 * is not live. `feedsKey` names the feeds: they are subscribed again when it changes.
 */
export function useLiveFeeds(token: string, feedsKey: string, feeds: Feed[], onChange: () => void): FeedMode {
  const [mode, setMode] = useState<FeedMode>('connecting');
  const changed = useRef(onChange);
  changed.current = onChange;
  const wanted = useRef(feeds);
  wanted.current = feeds;
  useEffect(() => {
    const client = createClient({ url: STREAM_URL, headers: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
    let stopped = false;
    let unsubscribes: (() => void)[] = [];
    let retry: ReturnType<typeof setTimeout> | undefined;
    const closeAll = () => {
      unsubscribes.forEach((unsubscribe) => unsubscribe());
      unsubscribes = [];
    };
    const fallBack = () => {
      if (stopped || retry) return;
      closeAll();
      setMode('polling');
      retry = setTimeout(() => {
        retry = undefined;
        subscribeAll();
      }, RETRY_LIVE_MS);
    };
    const subscribeAll = () => {
      let open = 0;
      unsubscribes = wanted.current.map((feed) =>
        client.subscribe(feed, { next: () => changed.current(), error: fallBack, complete: fallBack }, {
          connected: () => {
            if (++open < wanted.current.length) return;
            setMode('live');
            changed.current();
          },
        }),
      );
    };
    subscribeAll();
    return () => {
      stopped = true;
      clearTimeout(retry);
      closeAll();
      client.dispose();
    };
  }, [token, feedsKey]);
  return mode;
}
