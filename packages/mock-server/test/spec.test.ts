import { mkdirSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ReplyMockConfigError } from '../src/index.js';
import { deref, loadSpec, type OpenApiDocument, resolvePointer } from '../src/spec.js';
import { FIXTURE_SPEC } from './helpers.js';

const OUT = 'test-output/spec';
mkdirSync(OUT, { recursive: true });
function file(name: string, text: string): string {
  writeFileSync(`${OUT}/${name}`, text);
  return `${OUT}/${name}`;
}

describe('loadSpec', () => {
  it('reads YAML and JSON files, file URLs and objects', () => {
    const yaml = loadSpec(FIXTURE_SPEC);
    expect(yaml.document.info?.title).toBe('Mini Reply');
    const json = loadSpec(file('spec.json', JSON.stringify(yaml.document)));
    expect(json.document).toEqual(yaml.document);
    expect(loadSpec(pathToFileURL(FIXTURE_SPEC)).document).toEqual(yaml.document);
    const object = loadSpec(yaml.document);
    expect(object.location).toBe('(object)');
    // A copy: the caller's object is never changed.
    expect(object.document).not.toBe(yaml.document);
  });

  it.each([
    [
      'a missing file',
      {
        given: () => loadSpec('/nonexistent/spec.yaml'),
        want: 'spec: cannot read /nonexistent/spec.yaml (ENOENT)',
      },
    ],
    [
      'broken YAML',
      {
        given: () => loadSpec(file('bad.yaml', 'openapi: [3.1')),
        want: `spec: ${OUT}/bad.yaml is not valid YAML:`,
      },
    ],
    [
      'broken JSON',
      {
        given: () => loadSpec(file('bad.json', '{"openapi":')),
        want: `spec: ${OUT}/bad.json is not valid JSON:`,
      },
    ],
    [
      'Swagger 2.0',
      {
        given: () => loadSpec({ swagger: '2.0', paths: {} } as never),
        want: 'spec: (object) is not an OpenAPI 3.x document (openapi: undefined)',
      },
    ],
    [
      'no paths',
      { given: () => loadSpec({ openapi: '3.1.0' } as never), want: 'spec: (object) has no paths object' },
    ],
    [
      'a list',
      {
        given: () => loadSpec(file('list.yaml', '- 1')),
        want: 'is not an OpenAPI document (expected an object)',
      },
    ],
    [
      'a number',
      {
        given: () => loadSpec(3 as never),
        want: 'spec must be an OpenAPI document object or a file path (got number)',
      },
    ],
  ])('refuses %s with a one-line ReplyMockConfigError', (_name, { given, want }) => {
    expect(given).toThrow(ReplyMockConfigError);
    expect(given).toThrow(want);
    try {
      given();
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });
});

describe('refs', () => {
  const doc = {
    openapi: '3.1.0',
    paths: {},
    components: {
      parameters: {
        A: { $ref: '#/components/parameters/B' },
        B: { name: 'b', in: 'query' },
        Loop: { $ref: '#/components/parameters/Loop' },
      },
      schemas: { 'a/b': { type: 'string' } },
    },
  } as OpenApiDocument;

  it.each([
    ['a chain', { given: { $ref: '#/components/parameters/A' }, want: { name: 'b', in: 'query' } }],
    ['a plain object', { given: { name: 'x' }, want: { name: 'x' } }],
  ])('resolves %s', (_name, { given, want }) => {
    expect(deref(doc, given, 'here')).toEqual(want);
  });

  it('decodes escaped pointer segments', () => {
    expect(resolvePointer(doc, '#/components/schemas/a~1b', 'here')).toEqual({ type: 'string' });
  });

  it.each([
    [
      'an external ref',
      {
        given: { $ref: 'other.yaml#/x' },
        want: 'spec: external $ref "other.yaml#/x" at here is not supported',
      },
    ],
    [
      'a dangling ref',
      {
        given: { $ref: '#/components/parameters/Nope' },
        want: 'spec: $ref "#/components/parameters/Nope" at here points to nothing',
      },
    ],
    ['a cycle', { given: { $ref: '#/components/parameters/Loop' }, want: 'spec: $ref cycle at here' }],
  ])('refuses %s', (_name, { given, want }) => {
    expect(() => deref(doc, given, 'here')).toThrow(want);
  });
});
