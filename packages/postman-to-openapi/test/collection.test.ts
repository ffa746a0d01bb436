import { describe, expect, it } from 'vitest';
import { readCollection } from '../src/collection.js';
import { CollectionError } from '../src/errors.js';

const V21 = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';
const V20 = 'https://schema.getpostman.com/json/collection/v2.0.0/collection.json';

describe('readCollection', () => {
  const accepted: Array<[string, { given: unknown; want: string }]> = [
    ['v2.1.0 object', { given: { info: { name: 'a', schema: V21 }, item: [] }, want: '2.1.0' }],
    [
      'v2.0.0 JSON text',
      { given: JSON.stringify({ info: { name: 'a', schema: V20 }, item: [] }), want: '2.0.0' },
    ],
    [
      'Postman API wrapper',
      { given: { collection: { info: { name: 'a', schema: V21 }, item: [] } }, want: '2.1.0' },
    ],
    [
      'schema.postman.com host',
      {
        given: { info: { schema: 'https://schema.postman.com/json/collection/v2.1.0/' }, item: [] },
        want: '2.1.0',
      },
    ],
  ];
  it.each(accepted)('accepts %s', (_name, { given, want }) => {
    expect(readCollection(given).version).toBe(want);
  });

  const rejected: Array<[string, { given: unknown; want: { code: string; message: string } }]> = [
    [
      'truncated JSON',
      {
        given: '{"info": ',
        want: { code: 'not-json', message: 'in.json: not valid JSON at line 1, column 10 (ValueExpected)' },
      },
    ],
    [
      'a syntax error on line 2',
      {
        given: '{\n  "info": x }',
        want: { code: 'not-json', message: 'in.json: not valid JSON at line 2, column 11 (InvalidSymbol)' },
      },
    ],
    [
      'empty text',
      { given: '', want: { code: 'not-json', message: 'in.json: not valid JSON (the input is empty)' } },
    ],
    [
      'an array',
      {
        given: [],
        want: {
          code: 'not-a-collection',
          message: 'in.json: expected a Postman collection object, got an array',
        },
      },
    ],
    [
      'an OpenAPI document',
      {
        given: { openapi: '3.1.0', paths: {} },
        want: {
          code: 'not-a-collection',
          message: 'in.json: not a Postman collection: no "info" object at the top level',
        },
      },
    ],
    [
      'v1 collection',
      {
        given: { id: 'x', name: 'n', requests: [] },
        want: { code: 'unknown-schema-version', message: 'in.json: this is a Postman collection v1' },
      },
    ],
    [
      'missing schema',
      {
        given: { info: { name: 'a' }, item: [] },
        want: { code: 'unknown-schema-version', message: 'in.json info.schema: missing' },
      },
    ],
    [
      'unknown schema version',
      {
        given: {
          info: { schema: 'https://schema.getpostman.com/json/collection/v3.0.0/collection.json' },
          item: [],
        },
        want: {
          code: 'unknown-schema-version',
          message:
            'in.json info.schema: unsupported collection schema "https://schema.getpostman.com/json/collection/v3.0.0/collection.json"; supported: v2.0.0, v2.1.0',
        },
      },
    ],
    [
      'item not an array',
      {
        given: { info: { schema: V21 }, item: {} },
        want: {
          code: 'not-a-collection',
          message: 'in.json item: expected an array of items, got an object',
        },
      },
    ],
  ];
  it.each(rejected)('rejects %s with one clear line', (_name, { given, want }) => {
    let error: unknown;
    try {
      readCollection(given, 'in.json');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CollectionError);
    expect((error as CollectionError).code).toBe(want.code);
    expect((error as CollectionError).message).toContain(want.message);
    expect((error as CollectionError).message).not.toContain('\n');
  });
});
