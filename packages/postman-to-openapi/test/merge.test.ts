import { describe, expect, it } from 'vitest';
import type { AuthResult } from '../src/auth.js';
import { SecurityRegistry } from '../src/auth.js';
import { WarningSink } from '../src/errors.js';
import { mergeVariants } from '../src/merge.js';
import { type RequestVariant, readRequest } from '../src/request.js';
import type { PostmanItem } from '../src/types.js';

function variants(items: PostmanItem[], auth?: AuthResult): RequestVariant[] {
  const warnings = new WarningSink();
  const context = { warnings, variables: new Map(), security: new SecurityRegistry(warnings, new Map()) };
  return items.map((item) => readRequest(item, item.name ?? '', ['Tag'], auth, context) as RequestVariant);
}

function merge(items: PostmanItem[], rootAuth?: AuthResult, auth?: AuthResult) {
  const list = variants(items, auth);
  return mergeVariants(list, {
    operationId: 'op',
    rootAuth,
    defaultServer: 'https://a.io',
    pathParams: list[0]?.template.params ?? [],
    variables: new Map(),
  });
}

describe('mergeVariants', () => {
  it('unites query params; required only when present and enabled in every variant', () => {
    const operation = merge([
      {
        name: 'All',
        request: {
          url: {
            raw: 'https://a.io/p?page=1',
            host: ['a', 'io'],
            path: ['p'],
            query: [
              { key: 'page', value: '1', disabled: true },
              { key: 'limit', value: '10' },
            ],
          },
        },
      },
      { name: 'By id', request: { url: 'https://a.io/p?id=5&limit=20' } },
      { name: 'By email', request: { url: 'https://a.io/p?limit=2.5&email=a@b.io' } },
    ]);
    expect(operation.parameters).toEqual([
      { name: 'page', in: 'query', required: false, schema: { type: 'integer' }, example: 1 },
      { name: 'limit', in: 'query', required: true, schema: { type: 'number' }, example: 10 },
      { name: 'id', in: 'query', required: false, schema: { type: 'integer' }, example: 5 },
      { name: 'email', in: 'query', required: false, schema: { type: 'string' }, example: 'a@b.io' },
    ]);
    expect(operation.summary).toBe('All');
    expect(operation['x-postman-requests']).toEqual(['All', 'By id', 'By email']);
  });

  it('never turns credential-looking values into examples', () => {
    const operation = merge([
      {
        name: 'x',
        request: {
          url: 'https://a.io/p?api_key=s3cr3t&page=2',
          header: [{ key: 'X-Auth-Token', value: 'abc' }],
        },
      },
    ]);
    expect(JSON.stringify(operation)).not.toMatch(/s3cr3t|abc/);
    expect(operation.parameters?.map((parameter) => [parameter.name, parameter.example])).toEqual([
      ['api_key', undefined],
      ['page', 2],
      ['X-Auth-Token', undefined],
    ]);
  });

  it('makes a repeated query param an array', () => {
    const operation = merge([{ name: 'x', request: { url: 'https://a.io/p?id=1&id=2' } }]);
    expect(operation.parameters).toEqual([
      {
        name: 'id',
        in: 'query',
        required: true,
        schema: { type: 'array', items: { type: 'integer' } },
        example: [1],
      },
    ]);
  });

  it('merges bodies into one schema and keeps each variant as a named example', () => {
    const operation = merge([
      {
        name: 'Mark by email',
        request: { method: 'POST', url: 'https://a.io/m', body: { mode: 'raw', raw: '{"email":"a@b.io"}' } },
      },
      {
        name: 'Mark by id',
        request: { method: 'POST', url: 'https://a.io/m', body: { mode: 'raw', raw: '{"id":1}' } },
      },
    ]);
    expect(operation.requestBody).toEqual({
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            properties: { email: { type: 'string', format: 'email' }, id: { type: 'integer' } },
          },
          examples: { 'Mark by email': { value: { email: 'a@b.io' } }, 'Mark by id': { value: { id: 1 } } },
        },
      },
    });
    expect(operation.description).toBe('**Mark by id**');
  });

  it('merges responses by status code, sorted, examples named after the saved responses', () => {
    const json = [{ key: 'Content-Type', value: 'application/json' }];
    const operation = merge([
      {
        name: 'a',
        request: { url: 'https://a.io/r' },
        response: [
          { name: 'Not found', code: 404, status: 'Not Found' },
          { name: 'One', code: 200, status: 'OK', header: json, body: '{"n":1}' },
        ],
      },
      {
        name: 'b',
        request: { url: 'https://a.io/r' },
        response: [{ name: 'Other', code: 200, status: 'OK', header: json, body: '{"n":null}' }],
      },
    ]);
    expect(Object.keys(operation.responses ?? {})).toEqual(['200', '404']);
    expect(operation.responses?.['200']).toEqual({
      description: 'OK',
      content: {
        'application/json': {
          schema: { type: 'object', properties: { n: { type: ['integer', 'null'] } }, required: ['n'] },
          examples: { One: { value: { n: 1 } }, Other: { value: { n: null } } },
        },
      },
    });
    expect(operation.responses?.['404']).toEqual({ description: 'Not Found' });
  });

  it('builds form schemas with every enabled field in the example', () => {
    const operation = merge([
      {
        name: 'Upload',
        request: {
          method: 'POST',
          url: 'https://a.io/u',
          body: {
            mode: 'formdata',
            formdata: [
              { key: 'file', type: 'file', src: 'a.csv' },
              { key: 'n', value: '3' },
              { key: 'opt', value: 'x', disabled: true },
            ],
          },
        },
      },
    ]);
    expect(operation.requestBody?.content['multipart/form-data']).toEqual({
      schema: {
        type: 'object',
        properties: {
          file: { type: 'string', format: 'binary' },
          n: { type: 'integer' },
          opt: { type: 'string' },
        },
        required: ['file', 'n'],
      },
      examples: { Upload: { value: { file: 'a.csv', n: 3 } } },
    });
  });

  const securityCases: Array<[string, { given: { root: AuthResult; own: AuthResult }; want: unknown }]> = [
    ['inherits the document security', { given: { root: { k: [] }, own: { k: [] } }, want: undefined }],
    ['noauth under a collection scheme', { given: { root: { k: [] }, own: 'none' }, want: [] }],
    ['own scheme', { given: { root: undefined, own: { b: [] } }, want: [{ b: [] }] }],
  ];
  it.each(securityCases)('security: %s', (_name, { given, want }) => {
    expect(
      merge([{ name: 'x', request: { url: 'https://a.io/s' } }], given.root, given.own).security,
    ).toEqual(want);
  });

  it('lists operation servers only when they differ from the document default', () => {
    expect(merge([{ name: 'x', request: { url: 'https://a.io/s' } }]).servers).toBeUndefined();
    expect(merge([{ name: 'x', request: { url: 'https://b.io/s' } }]).servers).toEqual([
      { url: 'https://b.io' },
    ]);
  });
});
