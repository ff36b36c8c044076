import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, DrainingServer } from '@civic/runtime';

/**
 * The HTTP server every service stops with, on its own: requests are held until the test lets them
 * go, so nothing here depends on timing but the grace period, which is either far off or already over.
 */
const logger = createLogger('draining-test', 'silent', 'json');

interface Reply {
  status: number | 'cut';
  connection?: string | undefined;
  body?: string;
  error?: string;
}

function ask(port: number, path: string, agent: Agent | false): Promise<Reply> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, body }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ status: 'cut', error: error.code ?? error.message }));
    req.end();
  });
}

/** A server whose /held requests are answered only when `release` is called. */
async function serverHoldingRequests(): Promise<{ server: DrainingServer; port: number; held: () => number; release: () => void }> {
  const waiting: (() => void)[] = [];
  let released = false;
  const server = new DrainingServer((req, res) => {
    const answer = () => res.end(`answered ${req.url}`);
    if (req.url === '/held' && !released) waiting.push(answer);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    port: (server.address() as AddressInfo).port,
    held: () => waiting.length,
    release: () => {
      released = true;
      for (const answer of waiting.splice(0)) answer();
    },
  };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** How many connections the kernel has completed on a listening port that the process has not accepted yet (Linux). */
function acceptQueueLength(port: number): number {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const [, local, , state, queues] = line.trim().split(/\s+/);
    // State 0A is LISTEN; for a listening socket the receive queue is its accept queue.
    if (local?.endsWith(`:${hexPort}`) && state === '0A') return parseInt(queues!.split(':')[1]!, 16);
  }
  return 0;
}

/** Another process sends `count` requests, each on its own connection, and prints each status (or error code) when all are done. */
function requestsFromAnotherProcess(port: number, count: number): Promise<string[]> {
  const script = `
    const http = require('node:http');
    const replies = Array.from({ length: ${count} }, () => new Promise((resolve) => {
      const req = http.request({ host: '127.0.0.1', port: ${port}, path: '/queued', agent: false }, (res) => { res.resume(); res.on('end', () => resolve(String(res.statusCode))); });
      req.on('error', (error) => resolve(error.code));
      req.end();
    }));
    Promise.all(replies).then((all) => process.stdout.write(all.join(' ')));`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('close', () => resolve(output.split(' '))));
}

describe('a draining HTTP server', () => {
  it('answers the requests in flight and those arriving on open connections, each with Connection: close, and refuses new connections', async () => {
    const { server, port, held, release } = await serverHoldingRequests();
    const keptAlive = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect(await ask(port, '/first', keptAlive)).toMatchObject({ status: 200, connection: 'keep-alive' });
      const inFlight = [ask(port, '/held', false), ask(port, '/held', false)];
      await until(() => held() === 2);

      const drained = server.drain(600_000, logger);
      expect(server.draining).toBe(true);
      // Once it has taken in the connections the kernel completed (a few turns of its event loop).
      await until(() => !server.listening);
      expect(await ask(port, '/new', false)).toEqual({ status: 'cut', error: 'ECONNREFUSED' });
      // The kept-alive connection was idle when draining began: it still gets its answer, then closes.
      expect(await ask(port, '/on-open-connection', keptAlive)).toEqual({ status: 200, connection: 'close', body: 'answered /on-open-connection' });

      release();
      expect(await Promise.all(inFlight)).toEqual([
        { status: 200, connection: 'close', body: 'answered /held' },
        { status: 200, connection: 'close', body: 'answered /held' },
      ]);
      expect(await drained).toEqual({ inFlight: 2, answered: 3, cut: 0 });
    } finally {
      keptAlive.destroy();
      release();
    }
  });

  it('cuts what is still unanswered when the grace period ends', async () => {
    const { server, port, held, release } = await serverHoldingRequests();
    try {
      const inFlight = ask(port, '/held', false);
      await until(() => held() === 1);
      expect(await server.drain(1, logger)).toEqual({ inFlight: 1, answered: 0, cut: 1 });
      expect(await inFlight).toEqual({ status: 'cut', error: 'ECONNRESET' });
    } finally {
      release();
    }
  });

  it('closes an idle kept-alive connection once nothing is left to answer', async () => {
    const { server, port } = await serverHoldingRequests();
    const keptAlive = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect(await ask(port, '/first', keptAlive)).toMatchObject({ status: 200, connection: 'keep-alive' });
      const socketClosed = new Promise((resolve) => Object.values(keptAlive.freeSockets).flat()[0]!.once('close', resolve));
      // Far from its grace period: it ends because the idle connection is closed, not because time ran out.
      expect(await server.drain(600_000, logger)).toEqual({ inFlight: 0, answered: 0, cut: 0 });
      await socketClosed;
    } finally {
      keptAlive.destroy();
    }
  });

  it('answers the connections the kernel completed while its event loop was busy, which it had not accepted yet', async () => {
    const { server, port } = await serverHoldingRequests();
    const queued = 8;
    const replies = requestsFromAnotherProcess(port, queued);
    // Busy, as a subgraph running PGlite queries is: nothing is accepted until the stop begins.
    const until = Date.now() + 120_000;
    while (acceptQueueLength(port) < queued) if (Date.now() > until) throw new Error('the other process did not connect');
    const drained = server.drain(600_000, logger);
    expect(await replies).toEqual(Array(queued).fill('200'));
    expect(await drained).toEqual({ inFlight: 0, answered: queued, cut: 0 });
  });
});
