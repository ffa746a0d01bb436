import { describe, expect, it } from 'vitest';
import { SecurityRegistry } from '../src/auth.js';
import { WarningSink } from '../src/errors.js';
import { type RequestContext, readRequest, serverFor } from '../src/request.js';
import type { PostmanItem } from '../src/types.js';
import { parseUrl } from '../src/url.js';

function context(variables: Record<string, string> = {}): RequestContext {
  const warnings = new WarningSink();
  const values = new Map(Object.entries(variables));
  return { warnings, variables: values, security: new SecurityRegistry(warnings, values) };
}

describe('serverFor', () => {
  const cases: Array<
    [string, { given: { url: string; variables?: Record<string, string> }; want: unknown }]
  > = [
    [
      'literal host',
      { given: { url: 'https://api.reply.io/v1/people' }, want: { url: 'https://api.reply.io' } },
    ],
    ['port kept, http default', { given: { url: 'api.io:8080/x' }, want: { url: 'http://api.io:8080' } }],
    [
      'variable resolved (with its own scheme and path)',
      {
        given: { url: '{{baseUrl}}/users', variables: { baseUrl: 'https://api.io/v2/' } },
        want: { url: 'https://api.io/v2' },
      },
    ],
    [
      'variable without value becomes a server variable',
      {
        given: { url: '{{host}}/users' },
        want: {
          url: '{host}',
          variables: {
            host: {
              default: '',
              description: 'Postman variable `{{host}}`; it has no value in the collection.',
            },
          },
        },
      },
    ],
    [
      'variable with an explicit protocol keeps it',
      {
        given: { url: 'https://{{host}}.io/users' },
        want: {
          url: 'https://{host}.io',
          variables: {
            host: {
              default: '',
              description: 'Postman variable `{{host}}`; it has no value in the collection.',
            },
          },
        },
      },
    ],
    ['no host', { given: { url: '/users' }, want: undefined }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(serverFor(parseUrl(given.url), new Map(Object.entries(given.variables ?? {})))).toEqual(want);
  });
});

describe('readRequest', () => {
  it('reads method, path template, query, header parameters and body', () => {
    const item: PostmanItem = {
      name: 'Create thing',
      request: {
        method: 'post',
        url: 'https://api.io/things/:id?dry=true',
        header: [
          { key: 'Content-Type', value: 'application/json' },
          { key: 'Accept', value: 'application/json' },
          { key: 'Authorization', value: 'Bearer x' },
          { key: 'X-Request-Id', value: '42', description: 'Trace id' },
        ],
        body: { mode: 'raw', raw: '{"a": 1}' },
        description: 'Makes a thing.',
      },
    };
    const variant = readRequest(item, 'Folder / Create thing', ['Folder'], undefined, context());
    expect(variant).toMatchObject({
      name: 'Create thing',
      description: 'Makes a thing.',
      method: 'post',
      template: { path: '/things/{id}', params: ['id'] },
      server: { url: 'https://api.io' },
      tags: ['Folder'],
      query: [{ key: 'dry', value: 'true' }],
      headers: [{ key: 'X-Request-Id', value: '42', description: 'Trace id', disabled: false }],
      body: { kind: 'json', value: { a: 1 } },
    });
  });

  it('drops the apikey auth header from header parameters', () => {
    const ctx = context();
    const auth = ctx.security.read({ type: 'apikey', apikey: [{ key: 'key', value: 'x-api-key' }] }, 'root');
    const variant = readRequest(
      { name: 'r', request: { url: 'https://a.io/x', header: [{ key: 'X-API-Key', value: 'secret' }] } },
      'r',
      [],
      auth,
      ctx,
    );
    expect(variant?.headers).toEqual([]);
    expect(variant?.auth).toEqual({ apiKeyAuth: [] });
  });

  const skipped: Array<[string, { given: PostmanItem; want: string }]> = [
    [
      'a PURGE request',
      {
        given: { name: 'Purge', request: { method: 'PURGE', url: 'https://a.io/x' } },
        want: 'unsupported-method',
      },
    ],
  ];
  it.each(skipped)('leaves out %s with a warning', (_name, { given, want }) => {
    const ctx = context();
    expect(readRequest(given, 'loc', [], undefined, ctx)).toBeUndefined();
    expect(ctx.warnings.list.map((warning) => warning.code)).toEqual([want]);
  });

  it('reads a request given as a bare URL string as GET', () => {
    expect(
      readRequest({ name: 'x', request: 'https://a.io/ping' }, 'x', [], undefined, context()),
    ).toMatchObject({
      method: 'get',
      template: { path: '/ping' },
    });
  });

  it('warns about an empty URL', () => {
    const ctx = context();
    expect(
      readRequest({ name: 'x', request: { method: 'GET' } }, 'x', [], undefined, ctx)?.template.path,
    ).toBe('/');
    expect(ctx.warnings.list.map((warning) => warning.code)).toEqual(['empty-url']);
  });
});
