import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { convert } from '../src/document.js';
import { toJson, toYaml } from '../src/serialize.js';
import type { PostmanAuth, PostmanBody, PostmanHeader, PostmanItem } from '../src/types.js';
import { lintErrors } from './lint.js';

/**
 * Random valid collections (v2.0 and v2.1 shapes, nested folders, every body mode and auth type, odd names)
 * never make the converter throw and always give OpenAPI 3.1 that passes the structural lint.
 */

const text = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 8 }));
const varName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_ -]{0,7}$/);
const literal = fc.stringMatching(/^[A-Za-z0-9._~-]{1,8}$/);
const segment = fc.oneof(
  literal,
  literal,
  varName.map((name) => `{{${name}}}`),
  varName.map((name) => `:${name}`),
);
const scalarText = fc.oneof(
  text,
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.constantFrom('true', 'false', '2024-01-02T03:04:05Z', 'a@b.io', 'https://x.io/a', '{{var}}', ''),
);
const queryParam = fc.record(
  { key: fc.oneof(literal, text), value: scalarText, disabled: fc.boolean(), description: text },
  { requiredKeys: ['key'] },
);
const url = fc.oneof(
  fc.record({
    host: fc.constantFrom<string[]>(['api', 'example', 'com'], ['{{baseUrl}}'], ['{{host}}', 'io'], []),
    protocol: fc.constantFrom('https', 'http'),
    path: fc.array(segment, { maxLength: 4 }),
    query: fc.array(queryParam, { maxLength: 3 }),
    variable: fc.array(fc.record({ key: varName, value: scalarText, description: text }), { maxLength: 2 }),
  }),
  fc
    .tuple(
      fc.constantFrom('https://api.example.com', '{{baseUrl}}', ''),
      fc.array(segment, { maxLength: 4 }),
      fc.array(fc.tuple(literal, scalarText), { maxLength: 2 }),
    )
    .map(
      ([host, path, query]) =>
        `${host}/${path.join('/')}${query.length ? `?${query.map(([k, v]) => `${k}=${v}`).join('&')}` : ''}`,
    ),
);
const json = fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value));
const field = fc.record({
  key: fc.oneof(literal, text),
  value: scalarText,
  type: fc.constantFrom('text', 'file'),
  src: fc.constantFrom('/tmp/a.png', undefined),
  disabled: fc.boolean(),
});
const body: fc.Arbitrary<PostmanBody> = fc.oneof(
  json.map((raw) => ({ mode: 'raw', raw, options: { raw: { language: 'json' } } })),
  json.map((raw) => ({ mode: 'raw', raw: `// comment\n${raw}` })),
  text.map((raw) => ({ mode: 'raw', raw })),
  fc.constant({ mode: 'raw', raw: '{"broken": ', options: { raw: { language: 'json' } } }),
  fc.constant({ mode: 'raw', raw: '<a>1</a>', options: { raw: { language: 'xml' } } }),
  fc.array(field, { maxLength: 3 }).map((urlencoded) => ({ mode: 'urlencoded', urlencoded })),
  fc.array(field, { maxLength: 3 }).map((formdata) => ({ mode: 'formdata', formdata })),
  fc.record({ query: text, variables: json }).map((graphql) => ({ mode: 'graphql', graphql })),
  fc.constant({ mode: 'file', file: { src: 'a.bin' } }),
);
const authParams = (params: Record<string, string>, v20: boolean) =>
  v20 ? params : Object.entries(params).map(([key, value]) => ({ key, value, type: 'string' }));
const auth: fc.Arbitrary<PostmanAuth> = fc
  .tuple(
    fc.constantFrom(
      'apikey',
      'apikey-query',
      'bearer',
      'basic',
      'digest',
      'oauth1',
      'oauth2',
      'oauth2-bare',
      'noauth',
      'hawk',
      'ntlm',
      'weird',
    ),
    fc.boolean(),
  )
  .map(([kind, v20]) => {
    switch (kind) {
      case 'apikey':
        return {
          type: 'apikey',
          apikey: authParams({ key: 'x-api-key', value: '{{apiKey}}', in: 'header' }, v20),
        };
      case 'apikey-query':
        return { type: 'apikey', apikey: authParams({ key: 'api_key', value: 'k', in: 'query' }, v20) };
      case 'oauth2':
        return {
          type: 'oauth2',
          oauth2: authParams(
            {
              grant_type: 'authorization_code',
              authUrl: 'https://a.io/auth',
              accessTokenUrl: 'https://a.io/token',
              scope: 'read write',
            },
            v20,
          ),
        };
      case 'oauth2-bare':
        return { type: 'oauth2', oauth2: authParams({ accessToken: 't' }, v20) };
      case 'noauth':
        return { type: 'noauth' };
      default:
        return { type: kind, [kind]: authParams({ username: 'u', token: 't' }, v20) };
    }
  });
const response = fc.record(
  {
    name: text,
    code: fc.constantFrom(200, 201, 204, 400, 404, 500),
    status: fc.constantFrom('OK', 'Created', ''),
    header: fc.constantFrom<PostmanHeader[]>(
      [{ key: 'Content-Type', value: 'application/json' }],
      [{ key: 'Content-Type', value: 'text/plain' }],
      [],
    ),
    body: fc.oneof(json, text),
  },
  { requiredKeys: ['name', 'body'] },
);
const request: fc.Arbitrary<PostmanItem> = fc.record(
  {
    name: text,
    request: fc.record(
      {
        method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'PURGE', 'get'),
        url,
        header: fc.array(
          fc.record({
            key: fc.oneof(literal, fc.constantFrom('Content-Type', 'X-Api-Key', 'Accept')),
            value: scalarText,
            disabled: fc.boolean(),
          }),
          { maxLength: 3 },
        ),
        body,
        auth,
        description: text,
      },
      { requiredKeys: ['method', 'url'] },
    ),
    response: fc.array(response, { maxLength: 3 }),
  },
  { requiredKeys: ['name', 'request'] },
);
const items = fc.letrec<{ items: PostmanItem[]; folder: PostmanItem }>((tie) => ({
  items: fc.array(fc.oneof({ depthSize: 'small', withCrossShrink: true }, request, request, tie('folder')), {
    maxLength: 4,
  }),
  folder: fc.record(
    { name: text, description: text, item: tie('items'), auth: fc.option(auth, { nil: undefined }) },
    { requiredKeys: ['name', 'item'] },
  ),
})).items;
const collection = fc
  .record({
    version: fc.constantFrom('v2.0.0', 'v2.1.0'),
    name: text,
    item: items,
    auth: fc.option(auth, { nil: undefined }),
    variable: fc.array(
      fc.record({ key: varName, value: fc.oneof(scalarText, fc.constant('https://api.example.com')) }),
      { maxLength: 3 },
    ),
    wrapped: fc.boolean(),
  })
  .map(({ version, name, item, auth: rootAuth, variable, wrapped }) => {
    const value = {
      info: { name, schema: `https://schema.getpostman.com/json/collection/${version}/collection.json` },
      item,
      variable,
      ...(rootAuth ? { auth: rootAuth } : {}),
    };
    return wrapped ? { collection: value } : value;
  });

describe('random valid collections', () => {
  it('never throw and always give structurally valid OpenAPI 3.1', async () => {
    const seen = { operations: 0, requestBodies: 0, responses: 0, securitySchemes: 0 };
    await fc.assert(
      fc.asyncProperty(collection, async (input) => {
        const { document } = convert(input);
        for (const item of Object.values(document.paths)) {
          for (const operation of Object.values(item)) {
            seen.operations++;
            if (operation.requestBody) seen.requestBodies++;
            if (operation.responses) seen.responses++;
          }
        }
        seen.securitySchemes += Object.keys(document.components?.securitySchemes ?? {}).length;
        expect(document.openapi).toBe('3.1.0');
        for (const path of Object.keys(document.paths)) expect(path).not.toContain('{{');
        expect(await lintErrors(toJson(document), 'random.json')).toEqual([]);
        // Byte-identical output for identical input.
        expect(toJson(convert(structuredClone(input)).document)).toBe(toJson(document));
      }),
      { numRuns: 40 },
    );
    // The generator really exercises the converter (not 60 empty collections).
    expect(seen.operations).toBeGreaterThan(40);
    expect(Math.min(seen.requestBodies, seen.responses, seen.securitySchemes)).toBeGreaterThan(5);
  }, 240_000);

  it('serialize to YAML that reads back as the same document', () => {
    fc.assert(
      fc.property(collection, (input) => {
        const { document } = convert(input);
        expect(parse(toYaml(document))).toEqual(document);
      }),
      { numRuns: 60 },
    );
  });
});
