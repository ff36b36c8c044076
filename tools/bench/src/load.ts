import autocannon from 'autocannon';

/** One request of a load: its body and headers, sent in turn by every connection. */
export interface LoadRequest {
  body: string;
  headers: Record<string, string>;
}

export interface LoadOptions {
  url: string;
  requests: LoadRequest[];
  connections: number;
  /**
   * Either a time (connections stop sending then, abandoning what is in flight) or a number of
   * requests (every one answered before the run ends, so servers' costs divide by it exactly).
   */
  until: { seconds: number } | { requests: number };
}

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
}

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  latencyMs: Latency;
  /** Every entry of every response's GraphQL `errors` list. */
  graphqlErrors: number;
  /** Responses whose status was not 2xx and whose body held no GraphQL error to count instead. */
  httpErrors: number;
  /** Connection errors and timeouts. */
  transportErrors: number;
  /** A few distinct error messages, to say what went wrong without a log dive. */
  errorSamples: string[];
}

const ERROR_SAMPLES_KEPT = 3;

/** Counts GraphQL errors without parsing every (often large) successful body. */
function graphqlErrorsIn(body: string, samples: Set<string>): number {
  if (!body.includes('"errors":')) return 0;
  try {
    const errors = (JSON.parse(body) as { errors?: { message?: string }[] }).errors ?? [];
    for (const error of errors) if (samples.size < ERROR_SAMPLES_KEPT) samples.add(String(error.message));
    return errors.length;
  } catch {
    return 1;
  }
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Drives the load with autocannon: keep-alive connections, each sending its next request as soon as it has an answer. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const samples = new Set<string>();
  let graphqlErrors = 0;
  let httpErrors = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        ...('seconds' in options.until ? { duration: options.until.seconds } : { amount: Math.max(options.until.requests, options.connections) }),
        method: 'POST',
        requests: options.requests.map((r) => ({
          method: 'POST',
          headers: { 'content-type': 'application/json', ...r.headers },
          body: r.body,
          onResponse: (status: number, body: string) => {
            const found = graphqlErrorsIn(body, samples);
            graphqlErrors += found;
            if (found === 0 && (status < 200 || status > 299)) {
              httpErrors++;
              if (samples.size < ERROR_SAMPLES_KEPT) samples.add(`HTTP ${status}`);
            }
          },
        })),
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  const sorted = Float64Array.from(latencies).sort();
  return {
    requests: latencies.length,
    requestsPerSecond: latencies.length / result.duration,
    latencyMs: { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) },
    graphqlErrors,
    httpErrors,
    transportErrors: result.errors + result.timeouts,
    errorSamples: [...samples],
  };
}
