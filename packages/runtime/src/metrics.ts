import { AsyncLocalStorage } from 'node:async_hooks';

/** Process-wide counters exposed on GET /metrics (Prometheus text format). */
class Counter {
  private value = 0;
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  increment(by = 1): void {
    this.value += by;
  }
  get current(): number {
    return this.value;
  }
}

const requestStatements = new Counter('civic_sql_statements_total', 'SQL statements sent to the database while serving requests');
const backgroundStatements = new Counter('civic_background_sql_statements_total', 'SQL statements of background work (audit shipping)');
export const graphqlRequests = new Counter('civic_graphql_requests_total', 'GraphQL requests handled');

const background = new AsyncLocalStorage<true>();

/** Runs work whose SQL should not count against requests, so per-request figures stay exact. */
export function inBackground<T>(work: () => Promise<T>): Promise<T> {
  return background.run(true, work);
}

export const sqlStatements = {
  increment(): void {
    (background.getStore() ? backgroundStatements : requestStatements).increment();
  },
  get current(): number {
    return requestStatements.current + backgroundStatements.current;
  },
};

const counters = [requestStatements, backgroundStatements, graphqlRequests];

export function renderMetrics(): string {
  return counters
    .map((c) => `# HELP ${c.name} ${c.help}\n# TYPE ${c.name} counter\n${c.name} ${c.current}\n`)
    .join('');
}
