/**
 * `npm start`: the gateway and every subgraph, each its own process, on PGlite under .data/ unless
 * DATABASE_URL (or <SUBGRAPH>_DATABASE_URL) points at PostgreSQL. Ctrl-C stops them all.
 */
import { launchPlatform } from './platform.js';
import { readPort, readPositiveInt } from '@civic/runtime';

// Until the platform is up there is nothing to stop gracefully; exiting kills the children (see launchPlatform).
const exitNow = () => process.exit(130);
process.once('SIGINT', exitNow);
process.once('SIGTERM', exitNow);

// Services write JSON lines to the launcher's pipe; a person at a terminal gets them pretty and coloured
// instead, unless LOG_FORMAT says otherwise.
const forTerminal = process.stdout.isTTY ? { LOG_FORMAT: 'pretty', FORCE_COLOR: '1' } : {};

const started = Date.now();
const platform = await launchPlatform({
  root: process.cwd(),
  env: { ...forTerminal, ...process.env },
  gatewayPort: readPort(process.env, 'PORT', 4000),
  seedResidents: readPositiveInt(process.env, 'DEMO_RESIDENTS', 4000),
  onLine: (_service, line) => process.stdout.write(`${line}\n`),
});
process.stderr.write(
  `\nThe platform is up in ${((Date.now() - started) / 1000).toFixed(1)} s: ${platform.gatewayUrl}\n` +
    `Health: ${platform.healthUrl}\n` +
    `A token: npm run token -- --department police\n\n`,
);
const stop = () => {
  platform.stop().then(() => process.exit(0), () => process.exit(1));
};
process.off('SIGINT', exitNow);
process.off('SIGTERM', exitNow);
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
