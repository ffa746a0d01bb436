import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { OpenApiDocument } from '../src/openapi.js';
import { toJson, toYaml } from '../src/serialize.js';

const shared = { type: 'string' };
const document = {
  openapi: '3.1.0',
  info: { title: 'T', version: '1.0.0', description: 'line one\nline two' },
  paths: {
    '/a': {
      get: {
        operationId: 'a',
        responses: {
          '200': {
            description: 'OK',
            content: { 'text/plain': { schema: shared, examples: { x: { value: 'yes' } } } },
          },
        },
      },
    },
    '/b': {
      get: {
        operationId: 'b',
        responses: { '200': { description: 'OK', content: { 'text/plain': { schema: shared } } } },
      },
    },
  },
} as unknown as OpenApiDocument;

describe('toYaml', () => {
  const text = toYaml(document);

  it('round-trips to the same data', () => {
    expect(parse(text)).toEqual(document);
  });

  const cases: Array<[string, { want: RegExp }]> = [
    ['quotes status codes', { want: /"200":/ }],
    ['quotes YAML 1.1 booleans', { want: /value: "yes"/ }],
    ['uses block scalars for multi-line text', { want: /description: \|-\n {4}line one\n {4}line two/ }],
    ['keeps key order', { want: /^openapi: 3\.1\.0\ninfo:/ }],
  ];
  it.each(cases)('%s', (_name, { want }) => {
    expect(text).toMatch(want);
  });

  it('never emits anchors or aliases for shared objects', () => {
    expect(text).not.toMatch(/[&*]a\d/);
  });
});

describe('toJson', () => {
  it('is indented JSON ending with a newline', () => {
    expect(toJson(document)).toBe(`${JSON.stringify(document, null, 2)}\n`);
  });
});
