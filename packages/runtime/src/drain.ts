import { Server, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { Logger } from './logger.js';

export interface DrainOutcome {
  /** Requests being answered when draining began. */
  inFlight: number;
  /** Requests still unanswered when the grace period ended, whose connections were closed. */
  cut: number;
}

/**
 * An HTTP server that stops the way Go's http.Server.Shutdown does: it closes its listening socket and
 * its idle connections at once, answers every request in flight, and closes each kept-alive
 * connection after its current response (`Connection: close`, which Node does not send by itself
 * after close(): it keeps serving new requests on open connections until their keep-alive timeout).
 * A request racing onto an idle connection at the moment draining begins may see the connection
 * close; HTTP/1.1 leaves retrying that to the client.
 */
export class DrainingServer extends Server {
  private readonly answering = new Set<ServerResponse>();
  private drained: Promise<DrainOutcome> | undefined;

  constructor(listener: RequestListener) {
    super();
    // Before the listener, so that a response it sends synchronously already carries the header.
    this.on('request', (req: IncomingMessage, res: ServerResponse) => {
      this.track(res);
      listener(req, res);
    });
  }

  /** From the moment drain() is called: readiness answers 503 so that load balancers stop sending. */
  get draining(): boolean {
    return this.drained !== undefined;
  }

  /** Stops accepting and resolves once every request in flight is answered, or `graceMs` has passed and the rest were cut. */
  drain(graceMs: number, logger: Logger): Promise<DrainOutcome> {
    this.drained ??= this.closeGracefully(graceMs, logger);
    return this.drained;
  }

  private track(res: ServerResponse): void {
    this.answering.add(res);
    if (this.draining) res.setHeader('connection', 'close');
    res.once('close', () => {
      this.answering.delete(res);
      // A response whose headers went out before draining began left its connection kept alive.
      if (this.draining) this.closeIdleConnections();
    });
  }

  private async closeGracefully(graceMs: number, logger: Logger): Promise<DrainOutcome> {
    const started = Date.now();
    const inFlight = this.answering.size;
    for (const res of this.answering) if (!res.headersSent) res.setHeader('connection', 'close');
    logger.info({ inFlight, graceMs }, 'draining: accepting no new connections, answering the requests in flight');
    // close() also closes the idle connections; its callback runs once the last connection has closed.
    const closed = new Promise<void>((resolve) => this.close(() => resolve()));
    let graceTimer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'grace over'>((resolve) => (graceTimer = setTimeout(() => resolve('grace over'), graceMs)));
    const first = await Promise.race([closed, graceOver]);
    clearTimeout(graceTimer);
    const cut = first === 'grace over' ? this.answering.size : 0;
    if (first === 'grace over') {
      this.closeAllConnections();
      await closed;
    }
    const outcome = { inFlight, cut };
    if (cut > 0) logger.warn({ ...outcome, graceMs }, 'drained: the grace period ended before every request was answered (SHUTDOWN_GRACE_MS)');
    else logger.info({ ...outcome, ms: Date.now() - started }, 'drained: every request in flight was answered');
    return outcome;
  }
}
