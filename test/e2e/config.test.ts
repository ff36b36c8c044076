import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledEntry } from '@civic/launcher';

/**
 * A bad configuration stops a service before it opens anything: exit 78 (EX_CONFIG), one stderr line per
 * problem naming the variable, no stack trace. Each run gets a DATA_DIR of its own, which must stay empty.
 */
const NODE = join(process.cwd(), 'node_modules/.bin/node');
/** Each service with two wrong values of its own settings (AUDIT is a subgraph's; the gateway keeps no audit trail). */
const SERVICES = [
  { service: 'population', main: bundledEntry('population'), wrong: { LOG_LEVEL: 'chatty', AUDIT: 'maybe' }, keys: ['GATEWAY_JWKS_PATH', 'SERVICE_PRIVATE_KEY_PATH'] },
  { service: 'gateway', main: bundledEntry('gateway'), wrong: { LOG_LEVEL: 'chatty', GATEWAY_WORKERS: 'many' }, keys: ['AUTH_JWKS_URL', 'GATEWAY_PRIVATE_KEY_PATH', 'SERVICE_PRIVATE_KEY_PATH'] },
];

interface Exit {
  code: number | null;
  stderr: string;
  /** What the service left in its DATA_DIR: nothing, when it stopped before opening its database. */
  dataDirEntries: string[];
}

function run(main: string, env: Record<string, string>): Promise<Exit> {
  const dataDir = mkdtempSync(join(tmpdir(), 'civic-config-'));
  // Only what the process needs to run: none of this shell's settings (a key path, a DATABASE_URL) leaks in.
  // KEYS_DIR inside DATA_DIR: a service that made development keys would leave them there.
  const child = spawn(NODE, [main], { env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, KEYS_DIR: join(dataDir, 'keys'), PORT: '0', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(killer);
      const dataDirEntries = readdirSync(dataDir);
      rmSync(dataDir, { recursive: true, force: true });
      resolve({ code, stderr, dataDirEntries });
    }),
  );
}

describe.each(SERVICES)('$service with a bad configuration', ({ service, main, wrong, keys }) => {
  it(`refuses NODE_ENV=production without keys: exit 78, one line per missing variable (${keys.join(', ')}), no key made`, async () => {
    // ACCESS_URL: a subgraph following the access service needs its own credential too.
    const { code, stderr, dataDirEntries } = await run(main, { NODE_ENV: 'production', ACCESS_URL: 'http://127.0.0.1:9/graphql' });
    expect(code).toBe(78);
    expect(dataDirEntries).toEqual([]);
    const lines = stderr.split('\n').filter(Boolean);
    expect(lines.map((line) => /^(\S+): configuration error: (\w+) is not set; .*NODE_ENV=production generates no development keys$/.exec(line)?.slice(1))).toEqual(
      keys.map((variable) => [service, variable]),
    );
  });

  it('refuses a key file that holds no key, naming the variable, before opening anything', async () => {
    const variable = keys.find((name) => name.endsWith('_PATH'))!;
    const { code, stderr, dataDirEntries } = await run(main, { [variable]: '/dev/null' });
    expect(code).toBe(78);
    expect(dataDirEntries.filter((entry) => entry !== 'keys')).toEqual([]);
    expect(stderr).toMatch(new RegExp(`^${service}: configuration error: ${variable} names /dev/null, which does not hold one; it should be `, 'm'));
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it(`refuses ${Object.entries(wrong).map(([name, value]) => `${name}=${value}`).join(' ')} in one run, naming both`, async () => {
    const { code, stderr } = await run(main, wrong);
    expect(code).toBe(78);
    for (const [name, value] of Object.entries(wrong)) {
      expect(stderr).toMatch(new RegExp(`^${service}: configuration error: ${name} is "${value}"; it should be `, 'm'));
    }
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
