import { describe, expect, it } from 'vitest';
import type { OpenApiDocument, ParameterObject, SchemaObject } from '../../src/openapi.js';
import {
  bodyValue,
  hasDocumentedValue,
  parameterValue,
  schemaValue,
} from '../../src/samples/example-values.js';

const doc: OpenApiDocument = {
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  components: {
    schemas: {
      Id: { type: 'integer', example: 42 },
      Contact: {
        type: 'object',
        required: ['email'],
        properties: { email: { type: 'string', format: 'email' } },
      },
    },
    examples: { Named: { value: { email: 'named@example.com' } } },
  },
};

describe('schemaValue', () => {
  it.each<[string, { given: SchemaObject; name?: string; want: unknown }]>([
    ['the schema example wins', { given: { type: 'integer', example: 7, default: 1 }, want: 7 }],
    ['then the first of examples', { given: { type: 'string', examples: ['a', 'b'] }, want: 'a' }],
    ['then const', { given: { const: 'fixed' }, want: 'fixed' }],
    ['then the default', { given: { type: 'integer', default: 100 }, want: 100 }],
    ['then the first non-null enum value', { given: { enum: [null, 'All', 'Emails'] }, want: 'All' }],
    ['an integer id', { given: { type: 'integer' }, name: 'campaignId', want: 12345 }],
    ['another integer', { given: { type: 'integer' }, name: 'count', want: 1 }],
    ['a nullable integer', { given: { type: ['integer', 'null'] }, name: 'listId', want: 12345 }],
    ['a boolean', { given: { type: 'boolean' }, want: true }],
    ['an email by format', { given: { type: 'string', format: 'email' }, want: 'jane@example.com' }],
    ['an email by name', { given: { type: 'string' }, name: 'userEmail', want: 'jane@example.com' }],
    ['a string id', { given: { type: 'string' }, name: 'emailMessageId', want: 'a1b2c3d4' }],
    ['a date-time', { given: { type: 'string', format: 'date-time' }, want: '2026-01-15T09:00:00Z' }],
    ['a plain string', { given: { type: 'string' }, name: 'name', want: 'example' }],
    ['a $ref', { given: { $ref: '#/components/schemas/Id' }, want: 42 }],
    ['the first oneOf variant', { given: { oneOf: [{ type: 'boolean' }, { type: 'string' }] }, want: true }],
    [
      'allOf parts merged',
      {
        given: {
          allOf: [
            { type: 'object', required: ['a'], properties: { a: { type: 'integer' } } },
            { type: 'object', required: ['b'], properties: { b: { type: 'boolean' } } },
          ],
        },
        want: { a: 1, b: true },
      },
    ],
    [
      'an object with its required properties only',
      {
        given: {
          type: 'object',
          required: ['email'],
          properties: { email: { type: 'string', format: 'email' }, note: { type: 'string' } },
        },
        want: { email: 'jane@example.com' },
      },
    ],
    [
      'an array of one item',
      { given: { type: 'array', items: { type: 'integer' } }, name: 'ids', want: [12345] },
    ],
  ])('%s', (_, { given, name, want }) => {
    expect(schemaValue(doc, given, name ?? 'value')).toEqual(want);
  });
});

describe('parameterValue and hasDocumentedValue', () => {
  it.each<[string, { given: ParameterObject; want: unknown; documented: boolean }]>([
    [
      'the parameter example',
      {
        given: { name: 'page', in: 'query', example: 3, schema: { type: 'integer' } },
        want: 3,
        documented: true,
      },
    ],
    [
      'a named example',
      {
        given: { name: 'email', in: 'query', examples: { one: { value: 'a@example.com' } } },
        want: 'a@example.com',
        documented: true,
      },
    ],
    [
      'the schema example',
      {
        given: { name: 'limit', in: 'query', schema: { type: 'integer', example: 50 } },
        want: 50,
        documented: true,
      },
    ],
    [
      'a default is used but is not an example',
      {
        given: { name: 'limit', in: 'query', schema: { type: 'integer', default: 100 } },
        want: 100,
        documented: false,
      },
    ],
    [
      'a placeholder',
      { given: { name: 'listId', in: 'path', schema: { type: 'integer' } }, want: 12345, documented: false },
    ],
  ])('%s', (_, { given, want, documented }) => {
    expect(parameterValue(doc, given)).toEqual(want);
    expect(hasDocumentedValue(doc, given)).toBe(documented);
  });
});

describe('bodyValue', () => {
  it.each<[string, { given: Parameters<typeof bodyValue>[1]; want: unknown }]>([
    [
      'the media type example',
      { given: { example: { a: 1 }, examples: { x: { value: { b: 2 } } } }, want: { a: 1 } },
    ],
    [
      'the first named example',
      { given: { examples: { x: { value: { b: 2 } }, y: { value: { c: 3 } } } }, want: { b: 2 } },
    ],
    [
      'a referenced named example',
      {
        given: { examples: { x: { $ref: '#/components/examples/Named' } } },
        want: { email: 'named@example.com' },
      },
    ],
    [
      'built from the schema',
      { given: { schema: { $ref: '#/components/schemas/Contact' } }, want: { email: 'jane@example.com' } },
    ],
  ])('%s', (_, { given, want }) => {
    expect(bodyValue(doc, given)).toEqual(want);
  });
});
