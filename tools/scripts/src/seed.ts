/**
 * `npm run seed -- --scale <residents> [--reset]`: loads the demo city at the given size into each data
 * subgraph's database (PostgreSQL via DATABASE_URL, else PGlite under DATA_DIR), atomically, and only
 * into empty databases; `--reset` deletes those databases first. Services never seed by themselves.
 */
import { parseArgs } from 'node:util';
import { seedCity } from '@civic/demo-city';
import { configOrExit, createLogger, logEnv, parseEnv, sqlStatements } from '@civic/runtime';

const USAGE = `Usage: npm run seed -- [--scale <residents>] [--reset]

  --scale N   residents of the demo city (default DEMO_RESIDENTS or 4000; at least 100)
  --reset     delete each data subgraph's database first (the PGlite folder, or the PostgreSQL
              database <name>_<subgraph> that DATABASE_URL names), then seed afresh

Where the databases are: DATABASE_URL (or <SUBGRAPH>_DATABASE_URL), else PGlite under DATA_DIR (.data).
`;

function fail(message: string): never {
  process.stderr.write(`seed: ${message}\n\n${USAGE}`);
  process.exit(64);
}

let values: { scale?: string; reset?: boolean; help?: boolean };
try {
  ({ values } = parseArgs({
    options: { scale: { type: 'string', default: process.env.DEMO_RESIDENTS ?? '4000' }, reset: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
  }));
} catch (error) {
  fail((error as Error).message);
}
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const residents = Number(values.scale);
if (!Number.isInteger(residents) || residents < 100) fail(`--scale must be a whole number of residents, at least 100; got "${values.scale}"`);

const started = Date.now();
const city = await seedCity({
  residents,
  reset: values.reset ?? false,
  envFor: () => process.env,
  logger: createLogger('seed', configOrExit('seed', () => parseEnv(logEnv)).LOG_LEVEL),
  onDone: (subgraph, outcome, seconds) =>
    process.stdout.write(`${subgraph}: ${outcome === 'seeded' ? `seeded in ${seconds.toFixed(1)} s` : 'already holds the demo city; --reset replaces it'}\n`),
});
process.stdout.write(
  `A city of ${city.residentCount.toLocaleString('en')} residents, ${city.buildingCount.toLocaleString('en')} buildings and ` +
    `${city.incidentCount.toLocaleString('en')} incidents, dated from ${city.referenceDate.toISOString().slice(0, 10)}: ` +
    `done in ${((Date.now() - started) / 1000).toFixed(1)} s (${sqlStatements.current.toLocaleString('en')} SQL statements)\n`,
);
