import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addSample,
  classifyText,
  combineKinds,
  createShape,
  detectFormat,
  inferSchema,
  isDateTime,
  type ScalarKind,
  sampleSchema,
  setEntry,
  shapeToSchema,
} from '../src/schema-inference.js';

describe('inferSchema', () => {
  const cases: Array<[string, { given: unknown[]; want: unknown }]> = [
    ['no samples', { given: [], want: {} }],
    ['integer', { given: [1, 2], want: { type: 'integer' } }],
    ['integer and fraction → number', { given: [1, 2.5], want: { type: 'number' } }],
    ['nullable string', { given: ['a', null], want: { type: ['string', 'null'] } }],
    ['only null', { given: [null], want: { type: 'null' } }],
    ['mixed scalar types', { given: ['a', 1, true], want: { type: ['string', 'integer', 'boolean'] } }],
    [
      'date-time when every sample matches',
      {
        given: ['2024-01-02T03:04:05Z', '2024-01-02 03:04:05+02:00'],
        want: { type: 'string', format: 'date-time' },
      },
    ],
    ['no date-time without an offset', { given: ['2024-01-02T03:04:05'], want: { type: 'string' } }],
    ['no format when one sample differs', { given: ['a@b.io', 'not an email'], want: { type: 'string' } }],
    ['email', { given: ['john.smith@example.com'], want: { type: 'string', format: 'email' } }],
    ['uri', { given: ['https://api.reply.io/v1/people?page=2'], want: { type: 'string', format: 'uri' } }],
    ['no uri with unescaped brackets', { given: ['https://x.io/?page[number]=1'], want: { type: 'string' } }],
    ['empty string removes the format', { given: ['a@b.io', ''], want: { type: 'string' } }],
    ['no enums invented', { given: ['Valid', 'Valid', 'Pending'], want: { type: 'string' } }],
    [
      'required = present in every object',
      {
        given: [{ id: 1, name: 'a' }, { id: 2 }],
        want: {
          type: 'object',
          properties: { id: { type: 'integer' }, name: { type: 'string' } },
          required: ['id'],
        },
      },
    ],
    [
      'arrays merge their items',
      {
        given: [[{ a: 1 }, { a: 2.5, b: null }], []],
        want: {
          type: 'array',
          items: {
            type: 'object',
            properties: { a: { type: 'number' }, b: { type: 'null' } },
            required: ['a'],
          },
        },
      },
    ],
    ['empty array has no items', { given: [[]], want: { type: 'array' } }],
    [
      'object or null',
      {
        given: [{ a: 1 }, null],
        want: { type: ['object', 'null'], properties: { a: { type: 'integer' } }, required: ['a'] },
      },
    ],
    [
      '__proto__ is an ordinary property',
      {
        given: [JSON.parse('{"__proto__": 1}')],
        want: JSON.parse(
          '{"type":"object","properties":{"__proto__":{"type":"integer"}},"required":["__proto__"]}',
        ),
      },
    ],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(inferSchema(given)).toEqual(want);
  });

  it('keeps first-seen property order', () => {
    expect(
      Object.keys((inferSchema([{ b: 1, a: 1 }, { c: 1 }]) as { properties: object }).properties),
    ).toEqual(['b', 'a', 'c']);
  });

  it('merges objects whose many properties come in a different order each time', () => {
    const keys = Array.from({ length: 20 }, (_, index) => `k${index}`);
    const forward = Object.fromEntries(keys.map((key) => [key, 1]));
    const backward = Object.fromEntries([...keys].reverse().map((key) => [key, 'x']));
    const schema = inferSchema([forward, backward, { k3: null }]) as {
      properties: Record<string, unknown>;
      required?: string[];
    };
    expect(Object.keys(schema.properties)).toEqual(keys);
    expect(schema.properties.k3).toEqual({ type: ['string', 'integer', 'null'] });
    expect(schema.required).toEqual(['k3']);
  });
});

describe('sampleSchema', () => {
  // JSON values with repeated keys in nested objects and arrays, as response examples have.
  const json = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.constant(null),
      fc.boolean(),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom('', 'a', '2015-03-24T11:00:39Z', 'me@example.com', 'https://example.com/x', '1'),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(fc.constantFrom('id', 'name', '__proto__', '404', 'b'), tie('value'), { maxKeys: 4 }),
    ),
  })).value;

  it('gives exactly the schema that folding the one sample into a shape gives', () => {
    fc.assert(
      fc.property(json, (value) => {
        const shape = createShape();
        addSample(shape, value);
        expect(JSON.stringify(sampleSchema(value))).toBe(JSON.stringify(shapeToSchema(shape)));
      }),
      { numRuns: 500 },
    );
  });
});

describe('setEntry', () => {
  const cases: Array<[string, { given: string[]; want: string[] }]> = [
    [
      'status codes in ascending order, default last',
      { given: ['404', 'default', '200'], want: ['200', '404', 'default'] },
    ],
    [
      'a key equal to the internal sparse index survives',
      { given: ['1073741824', '200'], want: ['200', '1073741824'] },
    ],
    ['__proto__ as an own key', { given: ['__proto__', 'a'], want: ['__proto__', 'a'] }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    const target: Record<string, number> = {};
    for (const [index, key] of given.entries()) setEntry(target, key, index);
    expect(Object.keys(target)).toEqual(want);
    for (const [index, key] of given.entries())
      expect(Object.getOwnPropertyDescriptor(target, key)?.value).toBe(index);
  });
});

describe('detectFormat', () => {
  const cases: Array<[string, { given: string; want: string | null }]> = [
    ['date-time with Z', { given: '2015-03-24T11:00:39Z', want: 'date-time' }],
    ['date-time with offset', { given: '2015-03-24T11:00:39-05:00', want: 'date-time' }],
    ['plain number text', { given: '12345', want: null }],
    ['email', { given: 'a.b@example.co', want: 'email' }],
    ['http url', { given: 'http://example.com', want: 'uri' }],
    ['text with @', { given: '@handle', want: null }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(detectFormat(given)).toBe(want);
  });
});

describe('classifyText and combineKinds', () => {
  const classify: Array<[string, { given: string | undefined; want: ScalarKind | undefined }]> = [
    ['integer', { given: '42', want: 'integer' }],
    ['negative integer', { given: '-7', want: 'integer' }],
    ['leading zero is a string', { given: '007', want: 'string' }],
    ['number', { given: '2.5', want: 'number' }],
    ['boolean', { given: 'true', want: 'boolean' }],
    ['date-time', { given: '2023-11-16T00:00:00Z', want: 'date-time' }],
    ['string', { given: 'Campaign One', want: 'string' }],
    ['placeholder tells nothing', { given: '{{teamId}}', want: undefined }],
    ['empty tells nothing', { given: '', want: undefined }],
    ['missing tells nothing', { given: undefined, want: undefined }],
  ];
  it.each(classify)('classifies %s', (_name, { given, want }) => {
    expect(classifyText(given)).toBe(want);
  });

  const combine: Array<[string, { given: ScalarKind[]; want: ScalarKind }]> = [
    ['nothing → string', { given: [], want: 'string' }],
    ['same kind', { given: ['integer', 'integer'], want: 'integer' }],
    ['integer + number → number', { given: ['integer', 'number'], want: 'number' }],
    ['conflict → string', { given: ['integer', 'boolean'], want: 'string' }],
  ];
  it.each(combine)('combines %s', (_name, { given, want }) => {
    expect(combineKinds(given)).toBe(want);
  });
});

describe('isDateTime', () => {
  const cases: Array<[string, { given: string; want: boolean }]> = [
    ['valid with Z', { given: '2024-02-29T23:59:59Z', want: true }],
    ['valid with offset and fraction', { given: '2015-03-24T11:00:39.123-05:00', want: true }],
    ['no 29 February in a common year', { given: '2023-02-29T00:00:00Z', want: false }],
    ['no 31 April', { given: '2023-04-31T00:00:00Z', want: false }],
    ['no hour 24', { given: '2023-04-01T24:00:00Z', want: false }],
    ['no month 13', { given: '2023-13-01T00:00:00Z', want: false }],
    ['no offset', { given: '2023-01-01T00:00:00', want: false }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(isDateTime(given)).toBe(want);
  });
});
