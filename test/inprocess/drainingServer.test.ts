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
      expect(await ask(port, '/new', false)).toEqual({ status: 'cut', error: 'ECONNREFUSED' });
      // The kept-alive connection was idle when draining began: it still gets its answer, then closes.
      expect(await ask(port, '/on-open-connection', keptAlive)).toEqual({ status: 200, connection: 'close', body: 'answered /on-open-connection' });

      release();
      expect(await Promise.all(inFlight)).toEqual([
        { status: 200, connection: 'close', body: 'answered /held' },
        { status: 200, connection: 'close', body: 'answered /held' },
      ]);
      expect(await drained).toEqual({ inFlight: 2, cut: 0 });
      expect(server.listening).toBe(false);
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
      expect(await server.drain(1, logger)).toEqual({ inFlight: 1, cut: 1 });
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
      expect(await server.drain(600_000, logger)).toEqual({ inFlight: 0, cut: 0 });
      await socketClosed;
    } finally {
      keptAlive.destroy();
    }
  });
});
