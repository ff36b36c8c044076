import { readdirSync, readFileSync } from 'node:fs';
import { type EntityManager, type Logger } from '@civic/runtime';
import { SavedReport } from '@civic/access/reports/SavedReport';
import { DemoSeeder } from '../seeding.js';

/** The example reports an integrator starts from (examples/reports, each a saveReport input). */
const EXAMPLES_DIR = new URL('../../../../examples/reports/', import.meta.url);

interface ExampleReport {
  name: string;
  description: string;
  operation: string;
  variables: string;
  rowsAt: string;
  columns: SavedReport['columns'];
  where?: SavedReport['conditions'];
  groupBy?: string[];
  aggregates?: SavedReport['aggregates'];
  sharedWith: string[];
}

export function exampleReports(): ExampleReport[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(new URL(file, EXAMPLES_DIR), 'utf8')) as ExampleReport);
}

async function seedExampleReports(em: EntityManager, _city: unknown, logger: Logger): Promise<void> {
  const examples = exampleReports();
  for (const example of examples) {
    em.create(SavedReport, {
      name: example.name,
      description: example.description,
      operation: example.operation,
      operationName: null,
      variables: JSON.parse(example.variables) as Record<string, unknown>,
      rowsAt: example.rowsAt,
      columns: example.columns.map((column) => ({ ...column, prefix: column.prefix ?? null })),
      conditions: (example.where ?? []).map((condition) => ({ ...condition, value: condition.value ?? null })),
      groupBy: example.groupBy ?? [],
      aggregates: (example.aggregates ?? []).map((aggregate) => ({ ...aggregate, condition: aggregate.condition ?? null })),
      // The city's data governance office publishes them, for every department to run as itself.
      department: 'governance',
      author: 'demo-city (examples/reports)',
      sharedWith: example.sharedWith,
      updatedAt: new Date(),
    });
  }
  await em.flush();
  logger.info({ reports: examples.length }, 'example reports saved');
}

/** The access service's share of the demo: the example reports (its departments and policy it bootstraps itself). */
export class ExampleReportsSeeder extends DemoSeeder {
  readonly subgraph = 'access';
  readonly tables = ['saved_report'] as const;
  protected readonly load = seedExampleReports;
}
