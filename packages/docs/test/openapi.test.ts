import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { deref, listOperations, type OpenApiDocument } from '../src/openapi.js';
import { MINI_SPEC } from './helpers/paths.js';

const doc = parse(readFileSync(MINI_SPEC, 'utf8')) as OpenApiDocument;

describe('listOperations', () => {
  it('lists every method of every path in document order', () => {
    expect(listOperations(doc).map((o) => `${o.method} ${o.path}`)).toEqual([
      'get /v1/people',
      'post /v1/people',
      'get /v1/people/{contactId}/sequences',
      'post /v2/campaigns/{campaignId}/start',
      'delete /v2/campaigns/{campaignId}',
      'post /v1/actions/pushtocampaign',
      'get /v2/billing/info',
    ]);
  });

  it('resolves referenced parameters and picks the JSON body', () => {
    const create = listOperations(doc).find((o) => o.operation.operationId === 'createContact');
    expect(create?.parameters.map((p) => p.name)).toEqual(['X-User-Id', 'X-User-Email']);
    expect(create?.bodyContentType).toBe('application/json');
  });

  it('merges path-level parameters, the operation overriding one of the same name', () => {
    const withShared: OpenApiDocument = {
      ...doc,
      paths: {
        '/x/{id}': {
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'v', in: 'query' },
          ],
          get: { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }] },
        },
      },
    };
    const [only] = listOperations(withShared);
    expect(only?.parameters.map((p) => `${p.in} ${p.name} ${p.schema?.type ?? ''}`)).toEqual([
      'query v ',
      'path id integer',
    ]);
  });
});

describe('deref', () => {
  it.each([
    [
      'an external reference',
      { given: { $ref: 'other.yaml#/x' }, want: 'external $ref "other.yaml#/x" is not supported' },
    ],
    [
      'a reference to nothing',
      {
        given: { $ref: '#/components/schemas/Nope' },
        want: '$ref "#/components/schemas/Nope" points at nothing',
      },
    ],
  ])('fails on %s', (_, { given, want }) => {
    expect(() => deref(doc, given)).toThrow(want);
  });

  it('fails on a reference cycle', () => {
    const cyclic = {
      ...doc,
      components: {
        schemas: { A: { $ref: '#/components/schemas/B' }, B: { $ref: '#/components/schemas/A' } },
      },
    };
    expect(() => deref(cyclic, { $ref: '#/components/schemas/A' })).toThrow('circular $ref');
  });

  it('decodes escaped pointer segments', () => {
    const escaped = { ...doc, paths: { '/a/b': { get: { summary: 'ok' } } } };
    expect(deref(escaped, { $ref: '#/paths/~1a~1b/get' })).toEqual({ summary: 'ok' });
  });
});
