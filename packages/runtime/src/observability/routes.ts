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
