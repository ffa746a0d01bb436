import { describe, expect, it } from 'vitest';
import { SecurityRegistry } from '../src/auth.js';
import { WarningSink } from '../src/errors.js';
import type { PostmanAuth } from '../src/types.js';

const v21 = (type: string, params: Record<string, unknown>): PostmanAuth => ({
  type,
  [type]: Object.entries(params).map(([key, value]) => ({ key, value, type: 'string' })),
});
const v20 = (type: string, params: Record<string, unknown>): PostmanAuth => ({
  type,
  [type]: params as Record<string, string>,
});

describe('SecurityRegistry.read', () => {
  const cases: Array<
    [string, { given: PostmanAuth; want: { requirement: unknown; scheme?: unknown; warning?: string } }]
  > = [
    [
      'apikey header (v2.1 array shape)',
      {
        given: v21('apikey', { value: '{{apiKey}}', key: 'x-api-key', in: 'header' }),
        want: {
          requirement: { apiKeyAuth: [] },
          scheme: { type: 'apiKey', name: 'x-api-key', in: 'header' },
        },
      },
    ],
    [
      'apikey query (v2.0 object shape)',
      {
        given: v20('apikey', { key: 'api_key', value: 'x', in: 'query' }),
        want: { requirement: { apiKeyAuth: [] }, scheme: { type: 'apiKey', name: 'api_key', in: 'query' } },
      },
    ],
    [
      'apikey without a key name',
      { given: v21('apikey', { value: 'x' }), want: { requirement: undefined, warning: 'incomplete-auth' } },
    ],
    [
      'bearer',
      {
        given: v21('bearer', { token: 't' }),
        want: { requirement: { bearerAuth: [] }, scheme: { type: 'http', scheme: 'bearer' } },
      },
    ],
    [
      'basic (v2.0)',
      {
        given: v20('basic', { username: 'u', password: 'p' }),
        want: { requirement: { basicAuth: [] }, scheme: { type: 'http', scheme: 'basic' } },
      },
    ],
    [
      'digest',
      {
        given: v21('digest', { username: 'u' }),
        want: { requirement: { digestAuth: [] }, scheme: { type: 'http', scheme: 'digest' } },
      },
    ],
    [
      'oauth1',
      {
        given: v21('oauth1', { consumerKey: 'k' }),
        want: { requirement: { oauth1Auth: [] }, scheme: { type: 'http', scheme: 'OAuth' } },
      },
    ],
    [
      'oauth2 authorization code with scopes',
      {
        given: v21('oauth2', {
          grant_type: 'authorization_code',
          authUrl: 'https://a.io/auth',
          accessTokenUrl: 'https://a.io/token',
          scope: 'read write',
        }),
        want: {
          requirement: { oauth2Auth: ['read', 'write'] },
          scheme: {
            type: 'oauth2',
            flows: {
              authorizationCode: {
                authorizationUrl: 'https://a.io/auth',
                tokenUrl: 'https://a.io/token',
                scopes: { read: '', write: '' },
              },
            },
          },
        },
      },
    ],
    [
      'oauth2 client credentials',
      {
        given: v21('oauth2', { grant_type: 'client_credentials', accessTokenUrl: 'https://a.io/token' }),
        want: {
          requirement: { oauth2Auth: [] },
          scheme: {
            type: 'oauth2',
            flows: { clientCredentials: { tokenUrl: 'https://a.io/token', scopes: {} } },
          },
        },
      },
    ],
    [
      'oauth2 without URLs becomes a bearer token',
      {
        given: v21('oauth2', { accessToken: 'x' }),
        want: {
          requirement: { oauth2Auth: [] },
          scheme: { type: 'http', scheme: 'bearer', description: 'OAuth 2.0 access token' },
          warning: 'incomplete-auth',
        },
      },
    ],
    ['noauth', { given: { type: 'noauth' }, want: { requirement: 'none' } }],
    [
      'hawk',
      {
        given: v21('hawk', { authId: 'a' }),
        want: {
          requirement: { hawkAuth: [] },
          scheme: { type: 'http', scheme: 'Hawk' },
          warning: 'unsupported-auth',
        },
      },
    ],
    [
      'unknown type',
      { given: v21('magic', {}), want: { requirement: undefined, warning: 'unsupported-auth' } },
    ],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    const warnings = new WarningSink();
    const registry = new SecurityRegistry(warnings, new Map());
    const requirement = registry.read(given, 'here');
    expect(requirement).toEqual(want.requirement);
    if (want.scheme) expect([...registry.schemes.values()]).toEqual([want.scheme]);
    else expect(registry.schemes.size).toBe(0);
    expect(warnings.list.map((warning) => warning.code)).toEqual(want.warning ? [want.warning] : []);
  });

  it('registers one scheme per distinct definition and suffixes clashing names', () => {
    const registry = new SecurityRegistry(new WarningSink(), new Map([['keyName', 'X-Key']]));
    const a = registry.read(v21('apikey', { key: 'x-api-key' }), 'a');
    const b = registry.read(v20('apikey', { key: 'x-api-key' }), 'b');
    const c = registry.read(v21('apikey', { key: '{{keyName}}', in: 'header' }), 'c');
    expect([a, b, c]).toEqual([{ apiKeyAuth: [] }, { apiKeyAuth: [] }, { apiKeyAuth2: [] }]);
    expect(registry.schemes.get('apiKeyAuth2')).toEqual({ type: 'apiKey', name: 'X-Key', in: 'header' });
    expect([...registry.authHeaders].sort()).toEqual(['authorization', 'x-api-key', 'x-key']);
  });
});
