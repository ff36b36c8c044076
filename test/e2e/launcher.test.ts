import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, launchPlatform, LauncherError, SUBGRAPH_NAMES, type Platform } from '@civic/launcher';
import { TEST_KEYS_DIR, tokenFor } from '@civic/testkit';

const run = promisify(execFile);
const node = process.execPath;

/** Runs a built CLI as a user would (without npm's banner), and resolves with its exit code and output. */
function cli(script: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(node, [script, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function holdPort(port: number): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

describe('npm start', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'civic-launcher-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses a taken port at once, naming the port and its service, before seeding anything', async () => {
    const ports: Record<string, string> = {};
    const planned = new Set<number>();
    for (const variable of ['PORT', 'LIVE_PORT', ...SUBGRAPH_NAMES.map((name) => `${name.toUpperCase()}_PORT`)]) {
      const port = await freePort(planned);
      planned.add(port);
      ports[variable] = String(port);
    }
    const taken = await holdPort(Number(ports.INCIDENTS_PORT));
    try {
      const result = await cli('tools/launcher/dist/start.js', [], { ...ports, DATA_DIR: dataDir, DEMO_RESIDENTS: '100' });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`port ${ports.INCIDENTS_PORT} (incidents) is in use`);
      expect(result.stderr).toContain('INCIDENTS_PORT');
      expect(readdirSync(dataDir)).toEqual([]);
    } finally {
      taken.close();
    }
  });

  it('refuses a port given to two services', async () => {
    const port = String(await freePort());
    const result = await cli('tools/launcher/dist/start.js', [], { PORT: port, ACCESS_PORT: port, DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`port ${port} is given to both gateway and access`);
  });

  it('names a service that exits during start-up, with its last lines, and stops the others', async () => {
    const failure = launchPlatform({
      root: process.cwd(),
      env: { DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '' },
      serviceEnv: { population: { POPULATION_DATABASE_URL: 'mysql://127.0.0.1/civic' } },
      freePorts: true,
    });
    const error = await failure.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LauncherError);
    expect(error).toMatchObject({ code: 'SERVICE_EXITED' });
    expect((error as Error).message).toMatch(/^population exited with a configuration error \(exit 78\)/);
    expect((error as Error).message).toContain('POPULATION_DATABASE_URL is "mysql://127.0.0.1/civic"; it should be a postgres:// URL');
    // The services that were still starting were stopped: whatever PGlite lock they took, its process is gone.
    for (const name of SUBGRAPH_NAMES) {
      const lock = join(dataDir, `${name}.lock`);
      if (existsSync(lock)) expect(() => process.kill(Number(readFileSync(lock, 'utf8')), 0)).toThrow();
    }
  });

  it('stops every service when start-up is interrupted as the last one becomes healthy, instead of reporting the platform up', async () => {
    const interrupt = new AbortController();
    let ports: number[] = [];
    const healthy = new Set<string>();
    const outcome = await launchPlatform({
      root: process.cwd(),
      env: { DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '' },
      freePorts: true,
      signal: interrupt.signal,
      onEvent: (event) => {
        if (event.kind === 'spawning') ports = Object.values(event.ports);
        if (event.kind === 'phase' && event.phase === 'healthy') healthy.add(event.service);
        if (healthy.size === 7) interrupt.abort();
      },
    }).catch((e: unknown) => e);
    if (!(outcome instanceof Error)) await (outcome as Platform).stop();
    expect(outcome).toMatchObject({ code: 'ABORTED' });
    expect(ports).toHaveLength(7);
    // Every service is gone: none of their ports answers.
    for (const port of ports) await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  });

  it('gives a fresh DATA_DIR copies of the demo city npm run build prepared, which serve the whole city', async () => {
    // Prepared again if the day changed since the build (a run across midnight): what npm start's build does.
    await run(node, ['tools/scripts/dist/prepareCity.js']);
    const outcomes: Record<string, string> = {};
    const platform = await launchPlatform({
      root: process.cwd(),
      env: { DATA_DIR: dataDir, KEYS_DIR: TEST_KEYS_DIR, LOG_LEVEL: 'warn', DATABASE_URL: '' },
      freePorts: true,
      seedResidents: 4000,
      onEvent: (event) => event.kind === 'seeded' && (outcomes[event.subgraph] = event.outcome),
    });
    try {
      expect(outcomes).toEqual(Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, 'copied'])));
      const response = await fetch(platform.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor('police')}` },
        body: JSON.stringify({ query: '{ residents(first: 1) { totalCount } buildings(first: 1) { totalCount } incidents(first: 1) { totalCount } }' }),
      });
      expect(await response.json()).toEqual({ data: { residents: { totalCount: 4000 }, buildings: { totalCount: 800 }, incidents: { totalCount: 2000 } } });
    } finally {
      await platform.stop();
    }
  });

  it('has the services, started at once on no keys, make one development key set, which npm run token signs with', async () => {
    const keysDir = join(dataDir, 'keys');
    const platform = await launchPlatform({ root: process.cwd(), env: { DATA_DIR: dataDir, KEYS_DIR: keysDir, LOG_LEVEL: 'warn', DATABASE_URL: '' }, freePorts: true });
    try {
      // One set, no half-written candidates beside it.
      expect(readdirSync(dataDir).filter((entry) => entry.startsWith('.keys-'))).toEqual([]);
      const { stdout } = await run('npm', ['run', '-s', 'token', '--', '--department', 'police'], { env: { ...process.env, KEYS_DIR: keysDir } });
      const response = await fetch(platform.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${stdout.trim()}` },
        body: JSON.stringify({ query: '{ residents(first: 1) { totalCount } }' }),
      });
      expect(response.status).toBe(200);
      expect(await response.json()).not.toHaveProperty('errors');
    } finally {
      await platform.stop();
    }
  });
});

describe.each([
  ['token', 'tools/scripts/dist/token.js'],
  ['keys', 'tools/scripts/dist/keys.js'],
  ['walkthrough', 'tools/scripts/dist/walkthrough.js'],
  ['seed', 'tools/scripts/dist/seed.js'],
  ['bench', 'tools/bench/dist/main.js'],
])('npm run %s', (name, script) => {
  it('prints its usage for --help and exits 0', async () => {
    const result = await cli(script, ['--help']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(new RegExp(`^Usage: npm run (-s )?${name}`));
  });

  it('answers an unknown option with one line naming it, then the usage, and exit 64', async () => {
    const result = await cli(script, ['--no-such-option']);
    expect(result.code).toBe(64);
    expect(result.stdout).toBe('');
    const [first, second, third] = result.stderr.split('\n');
    expect(first).toMatch(new RegExp(`^${name}: .*'--no-such-option'`));
    expect(second).toBe('');
    expect(third).toMatch(/^Usage: npm run/);
  });
});

describe('npm run -s token', () => {
  it('prints only the token, so that TOKEN=$(npm run -s token -- ...) captures it', async () => {
    const { stdout } = await run('npm', ['run', '-s', 'token', '--', '--department', 'police']);
    expect(stdout.trim().split('.')).toHaveLength(3);
    expect(stdout.trim().split('\n')).toHaveLength(1);
  });
});
