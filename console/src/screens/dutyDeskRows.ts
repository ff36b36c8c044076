import { useCallback, useEffect, useRef, useState } from 'react';
import { ApolloError, useApolloClient, type ApolloQueryResult } from '@apollo/client';
import { DutyDeskIncidentsDocument, type DutyDeskIncidentsQuery, type DutyDeskIncidentsQueryVariables, type IncidentStatus, type Severity } from '../gql/graphql';

export type DeskIncident = NonNullable<DutyDeskIncidentsQuery['incidents']>['edges'][number]['node'];

/** What a duty desk still has to act on: incidents not yet resolved, closed or rejected. */
const OPEN_STATUSES: IncidentStatus[] = ['REPORTED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS'];
/** How far back the desk looks: a week of open incidents is a desk's working set. */
const WINDOW_DAYS = 7;
/** The graph's largest page, and a ceiling on the rows a desk holds (a browser table beyond it helps nobody). */
const PAGE_SIZE = 200;
const MAX_ROWS = 1000;
/** How long a row that appeared is highlighted. */
const FRESH_MS = 8000;

const SEVERITY_RANK: Record<Severity, number> = { CRITICAL: 3, HIGH: 2, MEDIUM: 1, LOW: 0 };

/**
 * Most severe first, then newest. The graph lists incidents in id order (keyset pagination shared by
 * every connection), so the desk reads its whole window and orders it here.
 */
export const bySeverityThenNewest = (a: DeskIncident, b: DeskIncident) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.reportedAt.localeCompare(a.reportedAt);

export interface DeskRows {
  rows: DeskIncident[] | undefined;
  /** Ids of rows that appeared since the first load, for a few seconds. */
  fresh: ReadonlySet<string>;
  error: ApolloError | undefined;
  /** Reads the window again; calls while a read is under way are folded into one more read after it. */
  refresh: () => void;
}

/** The open incidents of the last week that the signed-in user may see (the graph scopes them to the token's jurisdiction). */
export function useDeskRows(): DeskRows {
  const client = useApolloClient();
  const [rows, setRows] = useState<DeskIncident[]>();
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<ApolloError>();
  const seen = useRef<Set<string> | undefined>(undefined);
  const reading = useRef<'idle' | 'reading' | 'again'>('idle');

  const readWindow = useCallback(async () => {
    const reportedFrom = new Date(Date.now() - WINDOW_DAYS * 86_400_000).toISOString();
    const all: DeskIncident[] = [];
    let after: string | null = null;
    do {
      const answer: ApolloQueryResult<DutyDeskIncidentsQuery> = await client.query<DutyDeskIncidentsQuery, DutyDeskIncidentsQueryVariables>({ query: DutyDeskIncidentsDocument, variables: { filter: { status: OPEN_STATUSES, reportedFrom }, first: PAGE_SIZE, after }, fetchPolicy: 'network-only' });
      const page: DutyDeskIncidentsQuery['incidents'] | undefined = answer.data?.incidents;
      // A partial answer (a subgraph down: dispatches null) is shown as it is; no list at all is an error.
      if (!page && answer.errors?.length) throw new ApolloError({ graphQLErrors: answer.errors });
      all.push(...(page?.edges.map((edge) => edge.node) ?? []));
      after = page?.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after && all.length < MAX_ROWS);
    return all.sort(bySeverityThenNewest);
  }, [client]);

  const markFresh = useCallback((loaded: DeskIncident[]) => {
    const appeared = seen.current ? loaded.filter((row) => !seen.current!.has(row.id)).map((row) => row.id) : [];
    seen.current = new Set(loaded.map((row) => row.id));
    if (!appeared.length) return;
    setFresh((before) => new Set([...before, ...appeared]));
    setTimeout(() => setFresh((before) => new Set([...before].filter((id) => !appeared.includes(id)))), FRESH_MS);
  }, []);

  const refresh = useCallback(() => {
    if (reading.current !== 'idle') {
      reading.current = 'again';
      return;
    }
    reading.current = 'reading';
    readWindow()
      .then((loaded) => {
        markFresh(loaded);
        setRows(loaded);
        setError(undefined);
      })
      .catch((failure: unknown) => setError(failure instanceof ApolloError ? failure : new ApolloError({ errorMessage: String(failure) })))
      .finally(() => {
        const again = reading.current === 'again';
        reading.current = 'idle';
        if (again) refresh();
      });
  }, [readWindow, markFresh]);

  useEffect(refresh, [refresh]);
  return { rows, fresh, error, refresh };
}
