/**
 * The named workloads: what a duty desk and grid workers ask the graph during a storm. Each is one
 * GraphQL request body and the caller who sends it; the mixed load interleaves the others.
 */
export type WorkloadName = 'a' | 'b' | 'c' | 'd';
export const WORKLOAD_NAMES: WorkloadName[] = ['a', 'b', 'c', 'd'];

/** The callers: a community grid worker of one street, and the city's emergency duty desk. */
export type Caller = 'gridWorker' | 'dutyDesk';
export const GRID_WORKER_STREET = '330101001';
/** The first grid of the city exists at every scale, so the deep query means the same at 4,000 and 1,000,000 residents. */
export const DEEP_QUERY_GRID = '330101001001001';

export interface BenchRequest {
  caller: Caller;
  body: string;
}

export interface Workload {
  name: WorkloadName;
  title: string;
  /** The requests one connection sends in turn (a single one for a pure workload). */
  requests: BenchRequest[];
}

const request = (caller: Caller, query: string, variables: Record<string, unknown>): BenchRequest => ({
  caller,
  body: JSON.stringify({ query, variables }),
});

export const RESIDENTS_PAGE = `query GridWorkerResidents($first: Int!) {
  residents(first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id name gender age birthDate idNumber phone gridCode needsEvacuationAssistance } }
  }
}`;

export const DEEP_QUERY = `query StormPicture($code: String!, $first: Int!) {
  grid(code: $code) {
    code name workerName
    residents(first: $first) {
      totalCount
      edges { node {
        id name age phone needsEvacuationAssistance
        building {
          id address use structure floors yearBuilt fireKeyPlace
          hazards { id category severity status deadline overdue }
          incidents { id category status severity title reportedAt dispatches { id status quantity dispatchedAt } }
        }
      } }
    }
  }
}`;

export const REPORT_INCIDENT = `mutation Report($input: ReportIncidentInput!) {
  reportIncident(input: $input) { id status severity deadline allowedTransitions }
}`;

export const residentsPage = request('gridWorker', RESIDENTS_PAGE, { first: 50 });
export const deepQuery = request('dutyDesk', DEEP_QUERY, { code: DEEP_QUERY_GRID, first: 100 });
export const incidentReport = request('dutyDesk', REPORT_INCIDENT, {
  input: {
    category: 'NATURAL_DISASTER',
    source: 'HOTLINE',
    severity: 'HIGH',
    title: 'Street flooding after heavy rain',
    description: 'Water is ankle-deep at the building entrance (benchmark).',
    gridCode: DEEP_QUERY_GRID,
  },
});

export const WORKLOADS: Record<WorkloadName, Workload> = {
  a: { name: 'a', title: "grid worker's scoped page of residents", requests: [residentsPage] },
  b: { name: 'b', title: 'deep query grid > residents > building > hazards, incidents > dispatches', requests: [deepQuery] },
  c: { name: 'c', title: 'incident reporting (mutation)', requests: [incidentReport] },
  // Half pages, three tenths deep pictures, one fifth reports: a duty desk's mix during a storm.
  d: { name: 'd', title: 'mixed: 50% (a), 30% (b), 20% (c)', requests: [residentsPage, deepQuery, residentsPage, incidentReport, residentsPage, deepQuery, residentsPage, deepQuery, residentsPage, incidentReport] },
};
