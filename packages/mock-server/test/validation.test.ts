import { describe, expect, it } from 'vitest';
import { ReplyMockConfigError } from '../src/index.js';
import type { JsonSchema, Operation, Parameter } from '../src/operations.js';
import type { OpenApiDocument } from '../src/spec.js';
import { coerceParameter, SpecValidator, validateBody } from '../src/validation.js';

const doc = {
  openapi: '3.1.0',
  paths: {},
  components: {
    schemas: {
      Id: { type: 'integer' },
      Contact: {
        type: 'object',
        required: ['email'],
        properties: { email: { type: 'string', format: 'email' }, id: { $ref: '#/components/schemas/Id' } },
      },
    },
  },
} as OpenApiDocument;
const validator = new SpecValidator(doc);
const resolve = (schema: JsonSchema) => validator.resolveSchema(schema, 'test');

function param(schema: JsonSchema, extra: Partial<Parameter> = {}): Parameter {
  return { name: 'p', in: 'query', required: false, schema, explode: true, ...extra };
}

describe('coerceParameter', () => {
  it.each([
    ['integer', { given: ['42', param({ type: 'integer' })], want: 42 }],
    ['negative number', { given: ['-1.5', param({ type: 'number' })], want: -1.5 }],
    ['integer via $ref', { given: ['7', param({ $ref: '#/components/schemas/Id' })], want: 7 }],
    ['not a number stays text', { given: ['4x', param({ type: 'integer' })], want: '4x' }],
    ['boolean, any case', { given: ['TRUE', param({ type: 'boolean' })], want: true }],
    ['boolean false', { given: ['false', param({ type: 'boolean' })], want: false }],
    ['string stays', { given: ['42', param({ type: 'string' })], want: '42' }],
    ['nullable integer, empty', { given: ['', param({ type: ['integer', 'null'] })], want: null }],
    [
      'oneOf integer or string',
      { given: ['5', param({ oneOf: [{ type: 'integer' }, { type: 'string' }] })], want: 5 },
    ],
    [
      'repeated keys to an array',
      { given: [['1', '2'], param({ type: 'array', items: { type: 'integer' } })], want: [1, 2] },
    ],
    [
      'a single value to an array',
      { given: ['1', param({ type: 'array', items: { type: 'integer' } })], want: [1] },
    ],
    [
      'comma list without explode',
      {
        given: ['1,2', param({ type: 'array', items: { type: 'integer' } }, { explode: false })],
        want: [1, 2],
      },
    ],
    [
      'comma list in a path',
      {
        given: ['a,b', param({ type: 'array', items: { type: 'string' } }, { in: 'path', explode: false })],
        want: ['a', 'b'],
      },
    ],
    ['repeated scalar takes the first', { given: [['3', '4'], param({ type: 'integer' })], want: 3 }],
  ] as [string, { given: [string | string[], Parameter]; want: unknown }][])(
    '%s',
    (_name, { given, want }) => {
      const [raw, parameter] = given;
      expect(coerceParameter(raw, parameter, resolve(parameter.schema as JsonSchema), resolve)).toEqual(want);
    },
  );
});

describe('SpecValidator', () => {
  const operation = (content: Record<string, unknown>, required = true) =>
    ({
      method: 'POST',
      path: '/x',
      parameters: [],
      requestBody: { required, content },
      responses: {},
    }) as unknown as Operation;

  it.each([
    [
      'valid JSON',
      {
        given: [
          { 'application/json': { schema: { $ref: '#/components/schemas/Contact' } } },
          { kind: 'json', mediaType: 'application/json', value: { email: 'a@b.co', id: 1 } },
        ],
        want: [],
      },
    ],
    [
      'refs inside component schemas',
      {
        given: [
          { 'application/json': { schema: { $ref: '#/components/schemas/Contact' } } },
          { kind: 'json', mediaType: 'application/json', value: { email: 'a@b.co', id: 'x' } },
        ],
        want: [{ in: 'body', field: 'id', message: 'must be integer' }],
      },
    ],
    [
      'JSON without a content type',
      {
        given: [
          { 'application/json': { schema: { type: 'array' } } },
          { kind: 'json', mediaType: undefined, value: {} },
        ],
        want: [{ in: 'body', field: '', message: 'must be array' }],
      },
    ],
    [
      'a vendor +json type',
      {
        given: [
          { 'application/vnd.reply+json': { schema: { type: 'object' } } },
          { kind: 'json', mediaType: 'application/vnd.reply+json', value: {} },
        ],
        want: [],
      },
    ],
    [
      'a wildcard media type',
      { given: [{ '*/*': {} }, { kind: 'text', mediaType: 'text/csv', value: 'a,b' }], want: [] },
    ],
    [
      'an undocumented media type',
      {
        given: [{ 'application/json': {} }, { kind: 'text', mediaType: 'text/csv', value: 'a' }],
        want: [{ in: 'body', field: '', message: 'must be application/json (content-type "text/csv")' }],
      },
    ],
    [
      'a missing required body',
      {
        given: [{ 'application/json': {} }, { kind: 'none', mediaType: undefined, value: undefined }],
        want: [{ in: 'body', field: '', message: 'is required' }],
      },
    ],
    [
      'an enum',
      {
        given: [
          { 'application/json': { schema: { type: 'object', properties: { s: { enum: ['A', 'B'] } } } } },
          { kind: 'json', mediaType: 'application/json', value: { s: 'C' } },
        ],
        want: [{ in: 'body', field: 's', message: 'must be one of "A", "B"' }],
      },
    ],
  ] as [string, { given: [Record<string, unknown>, Parameters<typeof validateBody>[1]]; want: unknown }][])(
    'checks a body: %s',
    (_name, { given, want }) => {
      const compiled = validator.compile(operation(given[0]));
      expect(validateBody(compiled, given[1], resolve)).toEqual(want);
    },
  );

  it('ignores a body the operation does not document', () => {
    const compiled = validator.compile({ ...operation({}), requestBody: undefined });
    expect(validateBody(compiled, { kind: 'text', mediaType: 'text/plain', value: 'x' }, resolve)).toEqual(
      [],
    );
  });

  it('refuses a schema that does not compile, naming the operation', () => {
    const broken = operation({ 'application/json': { schema: { type: 'integer', minimum: 'ten' } } });
    expect(() => validator.compile(broken)).toThrow(ReplyMockConfigError);
    expect(() => validator.compile(broken)).toThrow(
      'spec: schema of POST /x request body application/json does not compile',
    );
  });
});
