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

export const sqlStatements = new Counter('civic_sql_statements_total', 'SQL statements sent to the database');
export const graphqlRequests = new Counter('civic_graphql_requests_total', 'GraphQL requests handled');

const counters = [sqlStatements, graphqlRequests];

export function renderMetrics(): string {
  return counters
    .map((c) => `# HELP ${c.name} ${c.help}\n# TYPE ${c.name} counter\n${c.name} ${c.current}\n`)
    .join('');
}
