import { describe, expect, it } from 'vitest';
import {
  cannedResponse,
  parsePrefer,
  SYNTHESIZED_EXAMPLE,
  successStatus,
  synthesize,
} from '../src/examples.js';
import type { JsonSchema, Operation } from '../src/operations.js';
import type { OpenApiDocument } from '../src/spec.js';

const doc = {
  openapi: '3.1.0',
  paths: {},
  components: {
    schemas: {
      Id: { type: 'integer', minimum: 10 },
      Named: { type: 'object', properties: { name: { type: 'string' } } },
      Page: {
        type: 'object',
        properties: {
          rows: { type: 'array', items: { $ref: '#/components/schemas/Id' } },
          page: { type: 'integer' },
          limit: { type: 'integer', minimum: 1 },
          pagesCount: { type: 'integer' },
          next: { type: ['string', 'null'], format: 'uri' },
          previous: { type: 'string', format: 'uri' },
        },
      },
    },
    examples: { Shared: { value: { shared: true } } },
  },
} as OpenApiDocument;

describe('synthesize', () => {
  it.each([
    ['const', { given: { const: 'x' }, want: 'x' }],
    ['default', { given: { type: 'integer', default: 5 }, want: 5 }],
    ['examples', { given: { type: 'string', examples: ['first', 'second'] }, want: 'first' }],
    ['enum', { given: { enum: ['Active', 'Paused'] }, want: 'Active' }],
    ['a ref with minimum', { given: { $ref: '#/components/schemas/Id' }, want: 10 }],
    ['a nullable string', { given: { type: ['null', 'string'] }, want: 'string' }],
    [
      'formats',
      {
        given: { type: 'array', items: { type: 'string', format: 'email' } },
        want: ['jane.doe@example.com'],
      },
    ],
    ['date-time', { given: { type: 'string', format: 'date-time' }, want: '2024-01-01T00:00:00Z' }],
    [
      'allOf objects merge',
      {
        given: {
          allOf: [{ $ref: '#/components/schemas/Named' }, { properties: { ok: { type: 'boolean' } } }],
        },
        want: { name: 'string', ok: true },
      },
    ],
    ['oneOf takes the first non-null', { given: { oneOf: [{ type: 'null' }, { type: 'number' }] }, want: 1 }],
    [
      'an untyped object with properties',
      { given: { properties: { a: { type: 'integer' } } }, want: { a: 1 } },
    ],
    ['an empty array schema', { given: { type: 'array' }, want: [] }],
    [
      'a page envelope is one page without made-up links',
      {
        given: { oneOf: [{ $ref: '#/components/schemas/Page' }, { $ref: '#/components/schemas/Named' }] },
        // previous is not nullable and not required: left out rather than made up.
        want: { rows: [10], page: 1, limit: 100, pagesCount: 1, next: null },
      },
    ],
    ['nothing known', { given: {}, want: null }],
  ] as [string, { given: JsonSchema; want: unknown }][])('%s', (_name, { given, want }) => {
    expect(synthesize(doc, given)).toEqual(want);
  });

  it('stops at recursive schemas', () => {
    const recursive = {
      ...doc,
      components: {
        schemas: { Node: { type: 'object', properties: { child: { $ref: '#/components/schemas/Node' } } } },
      },
    };
    const value = synthesize(recursive as OpenApiDocument, { $ref: '#/components/schemas/Node' });
    expect(JSON.stringify(value).match(/child/g)?.length).toBe(9);
  });
});

describe('successStatus', () => {
  const op = (keys: string[]) =>
    ({ responses: Object.fromEntries(keys.map((k) => [k, {}])) }) as unknown as Operation;
  it.each([
    ['the lowest 2xx', { given: ['400', '201', '200'], want: '200' }],
    ['2XX', { given: ['2XX', '404'], want: '2XX' }],
    ['default when no 2xx', { given: ['default', '404'], want: 'default' }],
    ['nothing', { given: ['404'], want: undefined }],
  ])('%s', (_name, { given, want }) => {
    expect(successStatus(op(given))).toBe(want);
  });
});

describe('cannedResponse', () => {
  it.each([
    [
      'named examples in spec order, refs resolved',
      {
        given: {
          content: {
            'application/json': {
              examples: { b: { value: 2 }, a: { $ref: '#/components/examples/Shared' } },
            },
          },
        },
        want: [
          ['b', 2],
          ['a', { shared: true }],
        ],
      },
    ],
    [
      'a single example',
      { given: { content: { 'application/json': { example: { x: 1 } } } }, want: [['default', { x: 1 }]] },
    ],
    [
      'a schema example',
      {
        given: { content: { 'application/json': { schema: { type: 'integer', examples: [7] } } } },
        want: [['default', 7]],
      },
    ],
    [
      'a built value',
      {
        given: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Named' } } } },
        want: [[SYNTHESIZED_EXAMPLE, { name: 'string' }]],
      },
    ],
    ['no content', { given: { description: 'none' }, want: [] }],
  ])('%s', (_name, { given, want }) => {
    expect([...cannedResponse(doc, 200, given as never).examples]).toEqual(want);
  });

  it('never has a body for 204', () => {
    expect(
      cannedResponse(doc, 204, { content: { 'application/json': { example: {} } } }).contentType,
    ).toBeUndefined();
  });
});

describe('parsePrefer', () => {
  it.each([
    ['example', { given: 'example=empty', want: { example: 'empty' } }],
    [
      'code and example',
      { given: 'code=404, example="Not found"', want: { code: 404, example: 'Not found' } },
    ],
    ['semicolons and case', { given: 'Code=201; EXAMPLE=x', want: { code: 201, example: 'x' } }],
    ['a bad code', { given: 'code=abc', want: {} }],
    ['other preferences', { given: 'return=minimal', want: {} }],
    ['nothing', { given: undefined, want: {} }],
  ])('%s', (_name, { given, want }) => {
    expect(parsePrefer(given)).toEqual(want);
  });
});
