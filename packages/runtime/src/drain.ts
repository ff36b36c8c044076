import { Server, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { Server as NetServer } from 'node:net';
import type { Logger } from './logger.js';

/** Turns, not time: on a loaded machine a turn takes longer, and so does the wait. */
const SETTLE_TURNS = 2;
/** At most this share of the grace period goes to accepting the connections already waiting. */
const ACCEPTING_SHARE = 0.5;

async function eventLoopTurns(turns: number): Promise<void> {
  for (let turn = 0; turn < turns; turn++) await new Promise((resolve) => setImmediate(resolve));
}

export interface DrainOutcome {
  /** Requests being answered when draining began. */
  inFlight: number;
  /** Requests answered while draining: those in flight and those that arrived on connections already open. */
  answered: number;
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
  private accepted = 0;
  private answeredWhileDraining = 0;
  private drained: Promise<DrainOutcome> | undefined;
  private allAnswered: (() => void) | undefined;

  constructor(listener: RequestListener) {
    super();
    this.on('connection', () => this.accepted++);
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
      if (this.draining && res.writableFinished) this.answeredWhileDraining++;
      if (this.answering.size === 0) this.allAnswered?.();
    });
  }

  /**
   * Connections the kernel has completed but Node has not accepted yet would be reset with the
   * listening socket, and Node accepts one per turn of its event loop (each turn long while it is
   * busy): it turns until a turn brings none, or, while clients keep connecting, until a share of
   * the grace period is spent, leaving the rest for answering.
   */
  private async acceptWaitingConnections(graceMs: number): Promise<void> {
    const acceptingFor = new GracePeriod(graceMs * ACCEPTING_SHARE);
    let before: number;
    do {
      before = this.accepted;
      await eventLoopTurns(SETTLE_TURNS);
    } while (this.accepted !== before && !acceptingFor.over);
    acceptingFor.end();
  }

  private everyRequestAnswered(): Promise<void> {
    return new Promise((resolve) => {
      this.allAnswered = resolve;
      if (this.answering.size === 0) resolve();
    });
  }

  private async closeGracefully(graceMs: number, logger: Logger): Promise<DrainOutcome> {
    const started = Date.now();
    const inFlight = this.answering.size;
    for (const res of this.answering) if (!res.headersSent) res.setHeader('connection', 'close');
    logger.info({ inFlight, graceMs }, 'draining: accepting no new connections, answering the requests in flight');
    const grace = new GracePeriod(graceMs);
    await this.acceptWaitingConnections(graceMs);
    // net.Server's close: stops listening but, unlike http.Server's, leaves open connections alone. Its
    // callback runs once the last connection has closed.
    const closed = new Promise<void>((resolve) => NetServer.prototype.close.call(this, () => resolve()));
    // The requests on the connections just accepted are read, and then in flight.
    await eventLoopTurns(SETTLE_TURNS);
    const cut = (await grace.outlasts(this.everyRequestAnswered())) ? 0 : this.answering.size;
    if (cut > 0) this.closeAllConnections();
    else this.closeIdleConnections();
    await grace.outlasts(closed);
    grace.end();
    // A response sent before draining began may have left its connection open (kept alive, or streaming past the grace).
    this.closeAllConnections();
    await closed;
    const outcome = { inFlight, answered: this.answeredWhileDraining, cut };
    if (cut > 0) logger.warn({ ...outcome, graceMs }, 'drained: the grace period ended before every request was answered (SHUTDOWN_GRACE_MS)');
    else logger.info({ ...outcome, ms: Date.now() - started }, 'drained: every request was answered');
    return outcome;
  }
}

/** A deadline that work either beats or does not. */
class GracePeriod {
  over = false;
  private readonly timer: NodeJS.Timeout;
  private readonly ended: Promise<void>;

  constructor(ms: number) {
    let end!: () => void;
    this.ended = new Promise((resolve) => (end = resolve));
    this.timer = setTimeout(() => {
      this.over = true;
      end();
    }, ms);
  }

  /** True when `work` settles first. */
  outlasts(work: Promise<void>): Promise<boolean> {
    return Promise.race([work.then(() => true), this.ended.then(() => false)]);
  }

  end(): void {
    clearTimeout(this.timer);
  }
}
