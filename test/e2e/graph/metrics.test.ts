import { graphql, tokenFor } from '@civic/testkit';
import { eachBackend } from '../support/platforms';
import { scrape, total, type Sample } from '../support/prometheus';

const NAMED = 'query MetricsProbe { residents(first: 3) { edges { node { name building { address } } } } }';

describe.each(eachBackend())('Prometheus metrics on every service (%s)', (_backend, platform) => {
  const count = (samples: Sample[], operation: string) => total(samples, 'civic_graphql_request_duration_seconds_count', { operation });
  const subgraphOperations = (samples: Sample[], prefix: string) =>
    samples
      .filter((s) => s.name === 'civic_graphql_request_duration_seconds_count' && s.labels.operation!.startsWith(prefix))
      .reduce((sum, s) => sum + s.value, 0);

  it('times a named query at the gateway, per subgraph fetch, in each subgraph and in SQL', async () => {
    const token = await tokenFor('police');
    const [gatewayBefore, populationBefore] = await Promise.all([scrape(platform.gatewayUrl), scrape(platform.subgraphUrls.population!)]);
    const { errors } = await graphql(platform.gatewayUrl, NAMED, {}, { token });
    expect(errors).toBeUndefined();
    const [gateway, population] = await Promise.all([scrape(platform.gatewayUrl), scrape(platform.subgraphUrls.population!)]);

    expect(count(gateway, 'MetricsProbe') - count(gatewayBefore, 'MetricsProbe')).toBe(1);
    expect(total(gateway, 'civic_graphql_request_duration_seconds_sum', { operation: 'MetricsProbe' })).toBeGreaterThan(0);
    for (const subgraph of ['population', 'buildings']) {
      const fetches = (samples: Sample[]) => total(samples, 'civic_subgraph_fetch_duration_seconds_count', { subgraph });
      expect(fetches(gateway) - fetches(gatewayBefore)).toBeGreaterThanOrEqual(1);
    }
    // The gateway names the operations it sends after the client's (MetricsProbe__population__0).
    expect(subgraphOperations(population, 'MetricsProbe') - subgraphOperations(populationBefore, 'MetricsProbe')).toBeGreaterThanOrEqual(1);
    const sqlTimed = (samples: Sample[]) => total(samples, 'civic_sql_statement_duration_seconds_count');
    expect(sqlTimed(population) - sqlTimed(populationBefore)).toBeGreaterThanOrEqual(1);
  });

  it('labels unnamed operations "anonymous" and unparsable ones "invalid"', async () => {
    const token = await tokenFor('police');
    const before = await scrape(platform.gatewayUrl);
    await graphql(platform.gatewayUrl, '{ residents(first: 1) { totalCount } }', {}, { token });
    await graphql(platform.gatewayUrl, '{ residents(first: 1) { ', {}, { token });
    const after = await scrape(platform.gatewayUrl);
    expect(count(after, 'anonymous') - count(before, 'anonymous')).toBe(1);
    expect(count(after, 'invalid') - count(before, 'invalid')).toBe(1);
  });

  it('times audit shipping from outbox write to the audit trail', async () => {
    const shipped = async () => total(await scrape(platform.subgraphUrls.population!), 'civic_audit_outbox_lag_seconds_count');
    const before = await shipped();
    const { errors } = await graphql(platform.gatewayUrl, '{ residents(first: 2) { edges { node { idNumber } } } }', {}, { token: await tokenFor('police') });
    expect(errors).toBeUndefined();
    // The forwarder ships every second (AUDIT_FORWARD_MS); one request's reads are one outbox row.
    const deadline = Date.now() + 15_000;
    while ((await shipped()) === before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await shipped()) - before).toBeGreaterThanOrEqual(1);
  });

  it('shows the policy version in force and Node process metrics', async () => {
    const population = await scrape(platform.subgraphUrls.population!);
    expect(total(population, 'civic_policy_version')).toBeGreaterThanOrEqual(1);
    const gateway = await scrape(platform.gatewayUrl);
    for (const samples of [population, gateway]) {
      expect(total(samples, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
      expect(samples.some((s) => s.name === 'nodejs_eventloop_lag_seconds')).toBe(true);
    }
  });
});
