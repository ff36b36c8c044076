import { ConfigError, MAX_OPERATION_LABELS, OTHER_OPERATIONS, observabilityConfigFromEnv, operationLabel } from '@civic/runtime';

describe('observability configuration', () => {
  it('logs pretty at a terminal and JSON lines elsewhere, unless LOG_FORMAT says', () => {
    expect(observabilityConfigFromEnv({}, true).logFormat).toBe('pretty');
    expect(observabilityConfigFromEnv({}, false).logFormat).toBe('json');
    expect(observabilityConfigFromEnv({ LOG_FORMAT: 'json' }, true).logFormat).toBe('json');
    expect(observabilityConfigFromEnv({ LOG_FORMAT: 'pretty' }, false).logFormat).toBe('pretty');
  });

  it('traces only when an OTLP endpoint is set, the signal-specific one as is, the generic one + /v1/traces', () => {
    expect(observabilityConfigFromEnv({}, false).tracesEndpoint).toBeUndefined();
    expect(observabilityConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: '' }, false).tracesEndpoint).toBeUndefined();
    expect(observabilityConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }, false).tracesEndpoint).toBe('http://collector:4318/v1/traces');
    expect(
      observabilityConfigFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://traces:9999/in' }, false).tracesEndpoint,
    ).toBe('http://traces:9999/in');
  });

  it('refuses bad values, naming every variable at once', () => {
    const read = () => observabilityConfigFromEnv({ LOG_FORMAT: 'yaml', OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url' }, false);
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(/LOG_FORMAT is "yaml".*\nOTEL_EXPORTER_OTLP_ENDPOINT is "not a url"/);
  });
});

describe('operation name labels', () => {
  it('keeps names as they are up to the cap, then groups newcomers, never forgetting the first ones', () => {
    const names = Array.from({ length: MAX_OPERATION_LABELS + 5 }, (_, i) => `UnitOperation${i}`);
    const labels = names.map(operationLabel);
    const distinct = new Set(labels);
    expect(distinct.size).toBeLessThanOrEqual(MAX_OPERATION_LABELS + 1);
    expect(labels.at(-1)).toBe(OTHER_OPERATIONS);
    expect(operationLabel(labels[0]!)).toBe(labels[0]);
  });
});
