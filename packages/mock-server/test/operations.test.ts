import { describe, expect, it } from 'vitest';
import { ReplyMockConfigError } from '../src/index.js';
import { readOperations, secretHeaders } from '../src/operations.js';
import type { OpenApiDocument } from '../src/spec.js';

const base = {
  openapi: '3.1.0',
  components: {
    securitySchemes: {
      key: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
      other: { type: 'apiKey', in: 'header', name: 'X-Other' },
    },
    parameters: { Page: { name: 'page', in: 'query', schema: { type: 'integer' } } },
  },
  security: [{ key: [] }],
};

function read(paths: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return readOperations({ ...base, ...extra, paths } as OpenApiDocument);
}

describe('readOperations', () => {
  it('merges path-level and operation parameters, the operation winning', () => {
    const [operation] = read({
      '/v1/people/{id}': {
        parameters: [
          { name: 'id', in: 'path', schema: { type: 'string' } },
          { $ref: '#/components/parameters/Page' },
        ],
        get: {
          operationId: 'getPerson',
          parameters: [{ name: 'id', in: 'path', schema: { type: 'integer' } }],
          responses: {},
        },
      },
    });
    expect(operation?.parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'integer' }, explode: false },
      { name: 'page', in: 'query', required: false, schema: { type: 'integer' }, explode: true },
    ]);
  });

  it.each([
    ['the document default', { given: undefined, want: ['x-api-key'] }],
    ['an operation override', { given: [{ other: [] }], want: ['x-other'] }],
    ['alternatives', { given: [{ key: [] }, { other: [] }], want: ['x-api-key', 'x-other'] }],
    ['no security', { given: [], want: [] }],
    ['optional security', { given: [{}, { key: [] }], want: [] }],
  ])('reads the API key headers of %s', (_name, { given, want }) => {
    const [operation] = read({
      '/a': { get: { ...(given === undefined ? {} : { security: given }), responses: {} } },
    });
    expect(operation?.apiKeyHeaders).toEqual(want);
  });

  it('names operations without an operationId by method and path', () => {
    expect(read({ '/a': { post: { responses: {} } } }).map((o) => o.operationId)).toEqual(['POST /a']);
  });

  it.each([
    [
      'a duplicate operationId',
      {
        given: { '/a': { get: { operationId: 'x' } }, '/b': { get: { operationId: 'x' } } },
        want: 'spec: operationId "x" is used by paths./a.get and paths./b.get',
      },
    ],
    [
      'a parameter without a location',
      {
        given: { '/a': { get: { parameters: [{ name: 'q' }] } } },
        want: 'spec: paths./a.get.parameters[0] needs a name and an "in" of path/query/header/cookie',
      },
    ],
    [
      'parameters not a list',
      {
        given: { '/a': { get: { parameters: {} } } },
        want: 'spec: paths./a.get.parameters must be an array',
      },
    ],
  ])('refuses %s', (_name, { given, want }) => {
    expect(() => read(given)).toThrow(ReplyMockConfigError);
    expect(() => read(given)).toThrow(want);
  });

  it('lists every apiKey header as secret', () => {
    expect([...secretHeaders({ ...base, paths: {} } as OpenApiDocument)].sort()).toEqual([
      'authorization',
      'cookie',
      'proxy-authorization',
      'x-api-key',
      'x-other',
    ]);
  });
});
