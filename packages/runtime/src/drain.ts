import { Server, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { Server as NetServer } from 'node:net';
import type { Logger } from './logger.js';

export interface DrainOutcome {
  /** Requests being answered when draining began. */
  inFlight: number;
  /** Requests unanswered when the grace period ended, whose connections were closed. */
  cut: number;
}

/**
 * An HTTP server that stops without cutting what it was asked: it closes its listening socket at once,
 * answers every request in flight, and every request that arrives meanwhile on a connection already
 * open (a load balancer's kept-alive one, or one accepted whose request is not read yet), each with
 * `Connection: close`, so that every connection closes after its current response. Once nothing is
 * left to answer, the connections still idle are closed. Node's own close() does neither: it closes
 * idle connections at once (a request already on its way is reset) and keeps serving the others,
 * kept alive, until their keep-alive timeout.
 */
export class DrainingServer extends Server {
  private readonly answering = new Set<ServerResponse>();
  private drained: Promise<DrainOutcome> | undefined;
  private allAnswered: (() => void) | undefined;

  constructor(listener: RequestListener) {
    super();
    // Tracked before the listener runs, so that a response it sends at once already carries the header.
    this.on('request', (req: IncomingMessage, res: ServerResponse) => {
      this.track(res);
      listener(req, res);
    });
  }

  /** From the moment drain() is called: readiness answers 503 so that load balancers stop sending. */
  get draining(): boolean {
    return this.drained !== undefined;
  }

  /** Stops accepting and resolves once every request is answered and every connection closed, or `graceMs` has passed and the rest were cut. */
  drain(graceMs: number, logger: Logger): Promise<DrainOutcome> {
    this.drained ??= this.closeGracefully(graceMs, logger);
    return this.drained;
  }

  private track(res: ServerResponse): void {
    this.answering.add(res);
    if (this.draining) res.setHeader('connection', 'close');
    res.once('close', () => {
      this.answering.delete(res);
      if (this.answering.size === 0) this.allAnswered?.();
    });
  }

  private async closeGracefully(graceMs: number, logger: Logger): Promise<DrainOutcome> {
    const started = Date.now();
    const inFlight = this.answering.size;
    for (const res of this.answering) if (!res.headersSent) res.setHeader('connection', 'close');
    logger.info({ inFlight, graceMs }, 'draining: accepting no new connections, answering the requests in flight');
    // net.Server's close: stops listening but, unlike http.Server's, leaves open connections alone. Its
    // callback runs once the last connection has closed.
    const closed = new Promise<void>((resolve) => NetServer.prototype.close.call(this, () => resolve()));
    const answered = new Promise<'answered'>((resolve) => {
      this.allAnswered = () => resolve('answered');
      if (this.answering.size === 0) resolve('answered');
    });
    let graceTimer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'grace over'>((resolve) => (graceTimer = setTimeout(() => resolve('grace over'), graceMs)));
    const first = await Promise.race([answered, graceOver]);
    const cut = first === 'grace over' ? this.answering.size : 0;
    if (cut > 0) this.closeAllConnections();
    else this.closeIdleConnections();
    await Promise.race([closed, graceOver]);
    clearTimeout(graceTimer);
    // A response sent before draining began may have left its connection open (kept alive, or streaming past the grace).
    this.closeAllConnections();
    await closed;
    const outcome = { inFlight, cut };
    if (cut > 0) logger.warn({ ...outcome, graceMs }, 'drained: the grace period ended before every request was answered (SHUTDOWN_GRACE_MS)');
    else logger.info({ ...outcome, ms: Date.now() - started }, 'drained: every request in flight was answered');
    return outcome;
  }
}
