import { writeFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { createLogger, openDatabase, sqlStatements, storageFromEnv, type Logger } from '@civic/runtime';
import { DemoCity } from './demoCity.js';
import { dropStorage, loadSubgraph, seededNote, type SeedJob, type SeedMessage } from './seedCity.js';
import { seedSubgraph, type DemoSeeder } from './seeding.js';
import { DEMO_SEEDERS } from './seeders/index.js';

/** One worker thread's share of seedCity: its subgraphs one after another, each reported when done. */
const job = workerData as SeedJob;
const post = (message: SeedMessage) => parentPort!.postMessage(message);

async function seedOne(seeder: DemoSeeder, city: DemoCity, logger: Logger): Promise<void> {
  const started = Date.now();
  const statementsBefore = sqlStatements.current;
  const storage = storageFromEnv(job.envs[seeder.subgraph]!, seeder.subgraph);
  if (job.reset) await dropStorage(storage);
  // A subgraph whose note says it is seeded never comes here (seedCity reads the notes first).
  const note = seededNote(storage);
  const definition = await loadSubgraph(seeder.subgraph);
  const orm = await openDatabase({ storage, entities: definition.entities, migrations: definition.migrations, logger });
  try {
    const outcome = await seedSubgraph(orm, seeder, city, logger);
    if (note) writeFileSync(note, JSON.stringify({ subgraph: seeder.subgraph, seededBefore: new Date().toISOString() }));
    post({ kind: 'done', subgraph: seeder.subgraph, outcome, seconds: (Date.now() - started) / 1000, statements: sqlStatements.current - statementsBefore });
  } finally {
    await orm.close(true);
  }
}

const city = new DemoCity(job.residents, new Date(job.referenceDate));
// A worker's stdout is no terminal: the format is the launching thread's.
const logger = createLogger('seed', job.logLevel, job.logFormat);
try {
  // Concurrently within the thread, as before: one database's I/O waits overlap another's work.
  await Promise.all(DEMO_SEEDERS.filter((seeder) => job.subgraphs.includes(seeder.subgraph)).map((seeder) => seedOne(seeder, city, logger)));
} catch (error) {
  const { name, message, stack } = error as Error;
  post({ kind: 'failed', name, message, stack: stack ?? '' });
}
