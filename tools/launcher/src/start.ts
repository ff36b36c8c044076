/**
 * `npm start`: the gateway and every subgraph, each its own process, on PGlite under .data/ unless
 * DATABASE_URL (or <SUBGRAPH>_DATABASE_URL) points at PostgreSQL. Ports: PORT (gateway, 4000) and
 * POPULATION_PORT ... ACCESS_PORT (4001-4005). Ctrl-C, SIGTERM or SIGHUP stops them all, each answering
 * its requests in flight first (SHUTDOWN_GRACE_MS), and so does the end of the process that started it.
 */
import { ForeignDataError } from '@civic/demo-city/seedOutcome';
import { ConfigError, parseEnv, positiveIntValue, z } from '@civic/runtime/config';
import { LauncherError } from './errors.js';
import { launchPlatform, portsFromEnv, type Platform } from './platform.js';
import { describeLaunchEvent } from './progress.js';

const say = (line: string) => process.stderr.write(`${line}\n`);
const starting = new AbortController();
let spawned = false;
let platform: Platform | undefined;
let stoppingSince: number | undefined;

/**
 * A terminal's Ctrl-C reaches npm and the launcher alike, and npm forwards it to the launcher again:
 * a second signal this soon after the first is the same request to stop, not a demand to force.
 */
const SAME_REQUEST_MS = 1000;

/**
 * Before any service is spawned there is nothing to stop (a seed is atomic: an interrupted one is
 * redone); during start-up, aborts it (launchPlatform stops what it started); once up, stops every
 * service (the gateway first, see launchPlatform), then exits. A second signal exits at once (the
 * 'exit' hook kills the children).
 */
function stopFor(reason: string): void {
  if (stoppingSince !== undefined && Date.now() - stoppingSince < SAME_REQUEST_MS) return;
  if (stoppingSince !== undefined || !spawned) process.exit(130);
  stoppingSince = Date.now();
  say(`\n${reason}: stopping the platform (again to force)...`);
  if (!platform) {
    starting.abort();
    return;
  }
  platform.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => stopFor(signal));

// npm forwards only SIGINT and SIGTERM; on SIGHUP, or killed outright, it exits and leaves the launcher
// to init (or a subreaper). The launcher notices its new parent and stops the platform as if signalled.
const parentPid = process.ppid;
const PARENT_CHECK_MS = 500;
setInterval(() => process.ppid !== parentPid && stopFor(`parent process ${parentPid} gone`), PARENT_CHECK_MS).unref();
// A closed terminal or pipe must not crash the launcher before it has stopped the services.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);

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
