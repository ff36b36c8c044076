/**
 * `npm run seed -- --scale <residents> [--reset]`: loads the demo city at the given size into each data
 * subgraph's database (PostgreSQL via DATABASE_URL, else PGlite under DATA_DIR), atomically, and only
 * into empty databases; `--reset` deletes those databases first. Services never seed by themselves.
 */
import { DemoCity, ForeignDataError, seedCity, type SeedOutcome } from '@civic/demo-city';
import { configOrExit, createLogger, logEnv, parseEnv } from '@civic/runtime';
import { parseCommandLine, usageError } from './cli.js';

const command = {
  name: 'seed',
  usage: `Usage: npm run seed -- [--scale <residents>] [--reset]

  --scale N   residents of the demo city (default DEMO_RESIDENTS or 4000; at least 100)
  --reset     delete each data subgraph's database first (the PGlite folder, or the PostgreSQL
              database <name>_<subgraph> that DATABASE_URL names), then seed afresh

Where the databases are: DATABASE_URL (or <SUBGRAPH>_DATABASE_URL), else PGlite under DATA_DIR (.data).
`,
  options: { scale: { type: 'string', default: process.env.DEMO_RESIDENTS ?? '4000' }, reset: { type: 'boolean', default: false } },
} as const;

const values = parseCommandLine(command);
const residents = Number(values.scale);
if (!Number.isInteger(residents) || residents < 100) usageError(command, `--scale must be a whole number of residents, at least 100; got "${values.scale}"`);

const OUTCOME_TEXT: Record<SeedOutcome, (seconds: number) => string> = {
  seeded: (seconds) => `seeded in ${seconds.toFixed(1)} s`,
  copied: (seconds) => `copied the demo city prepared by npm run build in ${seconds.toFixed(1)} s`,
  'already-seeded': () => 'already holds the demo city; --reset replaces it',
};

const started = Date.now();
// The seeders run in worker threads, each counting its own statements.
let statements = 0;
const city = new DemoCity(residents);
await seedCity({
  residents,
  referenceDate: city.referenceDate,
  reset: values.reset,
  envFor: () => process.env,
  logger: createLogger('seed', configOrExit('seed', () => parseEnv(logEnv)).LOG_LEVEL),
  onDone: (subgraph, outcome, seconds, sent) => {
    statements += sent;
    process.stdout.write(`${subgraph}: ${OUTCOME_TEXT[outcome](seconds)}\n`);
  },
}).catch((error: unknown) => {
  // A database that cannot take this city is the user's to decide about, not a crash: say why and stop
  // (a seed still running is cut off and rolls back, as every seed is one transaction).
  if (!(error instanceof ForeignDataError)) throw error;
  process.stderr.write(`seed: ${error.message}\n`);
  process.exit(1);
});
process.stdout.write(
  `A city of ${city.residentCount.toLocaleString('en')} residents, ${city.buildingCount.toLocaleString('en')} buildings and ` +
    `${city.incidentCount.toLocaleString('en')} incidents, dated from ${city.referenceDate.toISOString().slice(0, 10)}: ` +
    `done in ${((Date.now() - started) / 1000).toFixed(1)} s (${statements.toLocaleString('en')} SQL statements)\n`,
);
