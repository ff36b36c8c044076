/**
 * `npm start`: the gateway and every subgraph, each its own process, on PGlite under .data/ unless
 * DATABASE_URL (or <SUBGRAPH>_DATABASE_URL) points at PostgreSQL. Ports: PORT (gateway, 4000) and
 * POPULATION_PORT ... ACCESS_PORT (4001-4005). Ctrl-C, SIGTERM or SIGHUP stops them all.
 */
import { ConfigError, parseEnv, positiveIntValue, z } from '@civic/runtime';
import { ForeignDataError } from '@civic/demo-city';
import { LauncherError } from './errors.js';
import { launchPlatform, portsFromEnv, type Platform } from './platform.js';
import { describeLaunchEvent } from './progress.js';

const say = (line: string) => process.stderr.write(`${line}\n`);
const starting = new AbortController();
let spawned = false;
let platform: Platform | undefined;
let stopping = false;

/**
 * Before any service is spawned there is nothing to stop (a seed is atomic: an interrupted one is
 * redone); during start-up, aborts it (launchPlatform stops what it started); once up, stops every
 * service, then exits. A second signal exits at once (the 'exit' hook kills the children).
 */
function onSignal(signal: NodeJS.Signals): void {
  if (stopping || !spawned) process.exit(130);
  stopping = true;
  say(`\n${signal}: stopping the platform (again to force)...`);
  if (!platform) {
    starting.abort();
    return;
  }
  platform.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);

function exitCodeOf(error: unknown): number {
  if (error instanceof ConfigError) return 78;
  return 1;
}

// Services write JSON lines to the launcher's pipe; a person at a terminal gets them pretty and coloured
// instead, unless LOG_FORMAT says otherwise.
const forTerminal = process.stdout.isTTY ? { LOG_FORMAT: 'pretty', FORCE_COLOR: '1' } : {};

const started = Date.now();
try {
  platform = await launchPlatform({
    root: process.cwd(),
    env: { ...forTerminal, ...process.env },
    ports: portsFromEnv(process.env),
    seedResidents: parseEnv(z.object({ DEMO_RESIDENTS: positiveIntValue(4000) })).DEMO_RESIDENTS,
    onLine: (_service, line) => process.stdout.write(`${line}\n`),
    onEvent: (event) => {
      if (event.kind === 'spawning') spawned = true;
      say(describeLaunchEvent(event));
    },
    signal: starting.signal,
  });
} catch (error) {
  // Ctrl-C reaches the services too (one process group), so they may exit before the abort is seen.
  if (starting.signal.aborted) process.exit(130);
  const known = error instanceof ConfigError || error instanceof LauncherError || error instanceof ForeignDataError;
  say(`\nnpm start failed: ${known ? (error as Error).message : ((error as Error).stack ?? String(error))}`);
  process.exit(exitCodeOf(error));
}
say(
  `\nThe platform is up in ${((Date.now() - started) / 1000).toFixed(1)} s: ${platform.gatewayUrl}\n` +
    `Health: ${platform.healthUrl}\n` +
    `A token: TOKEN=$(npm run -s token -- --department police)\n`,
);
