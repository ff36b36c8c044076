import { ConfigError, type Env } from '@civic/runtime';
import { gatewayConfigFromEnv } from '@civic/gateway';

/** The gateway's browser-facing settings: GRAPHQL_IDE, CORS_ORIGINS and LIVE_URL. */
/** What production requires of the gateway: the identity provider's keys, a key of its own and its service credential. */
const PRODUCTION = { NODE_ENV: 'production', AUTH_JWKS_URL: 'https://idp.city.example/jwks.json', GATEWAY_PRIVATE_KEY_PATH: '/keys/gateway.private.jwk.json', SERVICE_PRIVATE_KEY_PATH: '/keys/services/gateway.private.jwk.json' };

function messagesOf(env: Env): string[] {
  try {
    gatewayConfigFromEnv(env);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.message.split('\n');
  }
}

describe('GRAPHQL_IDE', () => {
  it.each([
    [{}, true],
    [{ NODE_ENV: 'test' }, true],
    [{ GRAPHQL_IDE: 'off' }, false],
    [PRODUCTION, false],
    [{ ...PRODUCTION, GRAPHQL_IDE: 'on' }, true],
    [{ ...PRODUCTION, GRAPHQL_IDE: '' }, false],
  ])('%j serves the IDE: %s', (env, ide) => {
    expect(gatewayConfigFromEnv(env).ide).toBe(ide);
  });

  it('takes on or off only', () => {
    expect(messagesOf({ GRAPHQL_IDE: 'yes' })).toEqual(['GRAPHQL_IDE is "yes"; it should be one of on, off']);
  });
});

describe('CORS_ORIGINS', () => {
  it('is empty by default: no origin may call from a browser', () => {
    expect(gatewayConfigFromEnv({}).corsOrigins).toEqual([]);
  });

  it('is a comma-separated list of exact origins, spaces around commas ignored', () => {
    expect(gatewayConfigFromEnv({ CORS_ORIGINS: 'https://console.city.example, http://10.0.0.5:8080,http://localhost:5173' }).corsOrigins).toEqual([
      'https://console.city.example',
      'http://10.0.0.5:8080',
      'http://localhost:5173',
    ]);
  });

  it.each(['https://console.city.example/', 'https://console.city.example/app', 'console.city.example', 'ftp://files.city.example', '*', 'https://a.example,null'])(
    'refuses %s, naming the variable',
    (value) => {
      expect(messagesOf({ CORS_ORIGINS: value })).toEqual([expect.stringMatching(/^CORS_ORIGINS is ".*"; it should be comma-separated origins such as https:\/\/app\.city\.example/)]);
    },
  );
});

describe('LIVE_URL', () => {
  it('is unset by default: /graphql/stream tells clients to poll', () => {
    expect(gatewayConfigFromEnv({}).liveUrl).toBeUndefined();
  });

  it("is the live service's base URL, whose feeds the gateway passes through", () => {
    expect(gatewayConfigFromEnv({ LIVE_URL: 'http://live:4006' }).liveUrl).toBe('http://live:4006');
  });

  it('refuses what is not an http(s) URL, naming the variable', () => {
    expect(messagesOf({ LIVE_URL: 'live:4006' })).toEqual([expect.stringMatching(/^LIVE_URL/)]);
  });
});

describe('TRUSTED_OPERATIONS_REQUIRED and TRUSTED_OPERATIONS_PATH', () => {
  it('leave every operation open by default', () => {
    expect(gatewayConfigFromEnv({}).trustedOperations).toEqual({ manifestPath: undefined, required: [] });
  });

  it('name departments, or one role of a department, that may run only the manifest', () => {
    expect(gatewayConfigFromEnv({ TRUSTED_OPERATIONS_PATH: 'ops.json', TRUSTED_OPERATIONS_REQUIRED: 'fire, police:officer' }).trustedOperations.required).toEqual([
      { department: 'fire' },
      { department: 'police', role: 'officer' },
    ]);
  });

  it('refuse an unknown department or role, and a requirement without a manifest, naming the variable', () => {
    expect(messagesOf({ TRUSTED_OPERATIONS_PATH: 'ops.json', TRUSTED_OPERATIONS_REQUIRED: 'fire,navy' })).toEqual([expect.stringMatching(/^TRUSTED_OPERATIONS_REQUIRED\b.*fire,police:officer/)]);
    expect(messagesOf({ TRUSTED_OPERATIONS_PATH: 'ops.json', TRUSTED_OPERATIONS_REQUIRED: 'police:chief' })).toEqual([expect.stringMatching(/^TRUSTED_OPERATIONS_REQUIRED/)]);
    expect(messagesOf({ TRUSTED_OPERATIONS_REQUIRED: 'fire' })).toEqual([expect.stringMatching(/^TRUSTED_OPERATIONS_PATH\b.*manifest/)]);
  });
});
