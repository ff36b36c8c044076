import { sendJson, type ExtraRoute } from '../http.js';
import { METRICS_CONTENT_TYPE, renderMetrics } from '../metrics.js';

/** Prometheus' scrape endpoint: this process's registry in the text exposition format. */
export const metricsRoute: ExtraRoute = async (_req, res) => {
  const text = await renderMetrics();
  res.writeHead(200, { 'content-type': METRICS_CONTENT_TYPE });
  res.end(text);
};

/**
 * Kubernetes' liveness: the process is up and its event loop answers. No dependency is checked, so a
 * database outage makes a service unready (see /readyz), never restarted for nothing.
 */
export const livezRoute: ExtraRoute = (_req, res) => sendJson(res, 200, { status: 'alive' });

/** Rejects when `work` takes longer than `ms`, so a hung dependency makes a probe fail instead of hang. */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
