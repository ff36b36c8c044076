import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestPlatform, tokenFor, type TestPlatform } from '@civic/testkit';

/** The parts of OTLP/HTTP JSON (ExportTraceServiceRequest) this test reads. */
interface ExportedTraces {
  resourceSpans: {
    resource: { attributes: { key: string; value: { stringValue?: string } }[] };
    scopeSpans: { spans: { traceId: string; spanId: string; parentSpanId?: string; name: string }[] }[];
  }[];
}

interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
}

/** A minimal OTLP/HTTP collector: accepts JSON on POST /v1/traces and keeps every span with its service. */
function startCollector(): Promise<{ server: Server; port: number; spans: ReceivedSpan[]; contentTypes: Set<string> }> {
  const spans: ReceivedSpan[] = [];
  const contentTypes = new Set<string>();
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method !== 'POST' || req.url !== '/v1/traces') {
      res.writeHead(404).end();
      return;
    }
    contentTypes.add(req.headers['content-type'] ?? '');
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ExportedTraces;
    for (const resourceSpan of body.resourceSpans) {
      const service = resourceSpan.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '?';
      for (const scope of resourceSpan.scopeSpans) {
        for (const span of scope.spans) spans.push({ service, traceId: span.traceId, spanId: span.spanId, parentSpanId: span.parentSpanId || undefined, name: span.name });
      }
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port, spans, contentTypes })));
}

describe('OpenTelemetry traces when an OTLP endpoint is configured (PGlite)', () => {
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let platform: TestPlatform;
  beforeAll(async () => {
    collector = await startCollector();
    platform = await startTestPlatform({
      backend: 'pglite',
      root: process.cwd(),
      residents: 300,
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${collector.port}` },
    });
  });
  afterAll(async () => {
    await platform?.dispose();
    collector?.server.close();
  });

  it('one query yields spans in the gateway, a subgraph and its SQL, all in the caller’s trace', async () => {
    const traceId = randomBytes(16).toString('hex');
    const response = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await tokenFor('police')}`,
        traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
      },
      body: JSON.stringify({ query: 'query TracedResidents { residents(first: 2) { edges { node { name building { address } } } } }' }),
    });
    expect(response.status).toBe(200);
    expect((await response.json()).errors).toBeUndefined();

    // Spans leave in batches (every 5 s by default), each service on its own clock, and the gateway's
    // server span ends last: wait for every span asserted below, not only the first to come.
    const inTrace = () => collector.spans.filter((s) => s.traceId === traceId);
    const arrived = () =>
      inTrace().some((s) => s.service === 'gateway' && s.name === 'graphql TracedResidents') &&
      ['population', 'buildings'].every((service) => inTrace().some((s) => s.service === service && s.name === 'SELECT')) &&
      inTrace().some((s) => s.service === 'buildings' && s.name.startsWith('graphql TracedResidents__buildings'));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && !arrived()) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const spans = inTrace();
    const gatewayServer = spans.find((s) => s.service === 'gateway' && s.name === 'graphql TracedResidents');
    expect(gatewayServer).toBeDefined();
    const population = spans.find((s) => s.service === 'population' && s.name.startsWith('graphql TracedResidents__population'));
    expect(population).toBeDefined();
    // W3C trace context: the subgraph's server span is a child of a span the gateway sent it from.
    const gatewaySpanIds = new Set(spans.filter((s) => s.service === 'gateway').map((s) => s.spanId));
    expect(gatewaySpanIds.has(population!.parentSpanId!)).toBe(true);
    expect(spans.some((s) => s.service === 'population' && s.name === 'SELECT')).toBe(true);
    expect(spans.some((s) => s.service === 'buildings' && s.name.startsWith('graphql TracedResidents__buildings'))).toBe(true);
    expect([...collector.contentTypes]).toEqual(['application/json']);
  });

  it('is not ready while a subgraph is down, yet alive', async () => {
    platform.subgraphs.incidents.child.kill('SIGTERM');
    await new Promise((resolve) => platform.subgraphs.incidents.child.once('exit', resolve));
    const readyz = await fetch(new URL('/readyz', platform.gatewayUrl));
    expect(readyz.status).toBe(503);
    expect(await readyz.json()).toMatchObject({ subgraphs: { incidents: 'down', population: 'up' } });
    expect((await fetch(new URL('/livez', platform.gatewayUrl))).status).toBe(200);
  });
});
