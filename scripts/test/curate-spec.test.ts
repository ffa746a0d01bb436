import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { curate, HEADER, orderDocument, StaleOverlayError } from '../src/curate-spec.js';

const outputDir = fileURLToPath(new URL('../test-output/curate-spec', import.meta.url));
const config = fileURLToPath(new URL('../../spec/redocly.yaml', import.meta.url));

describe('orderDocument', () => {
  it('puts root, operation, parameter and response keys in the conventional order', () => {
    const document = {
      components: {
        parameters: { P: { schema: { type: 'integer' }, in: 'header', name: 'X-P', description: 'p' } },
      },
      paths: {
        '/a': {
          get: {
            responses: {
              '200': { content: {}, description: 'ok' },
              default: { description: 'other' },
              '500': { $ref: '#/e' },
              '4XX': { description: 'client' },
              '404': { $ref: '#/n' },
            },
            'x-reply-throttle-seconds': 10,
            operationId: 'getA',
            parameters: [{ required: true, schema: {}, in: 'path', name: 'a', description: 'A.' }],
            summary: 'Get A',
            tags: ['A'],
          },
          parameters: [],
        },
      },
      info: { description: 'd', version: '1', title: 't' },
      openapi: '3.1.0',
    };
    const result = orderDocument(document) as never as typeof document;
    expect(Object.keys(result)).toEqual(['openapi', 'info', 'paths', 'components']);
    expect(Object.keys(result.info)).toEqual(['title', 'version', 'description']);
    expect(Object.keys(result.paths['/a'])).toEqual(['parameters', 'get']);
    expect(Object.keys(result.paths['/a'].get)).toEqual([
      'tags',
      'summary',
      'operationId',
      'parameters',
      'responses',
      'x-reply-throttle-seconds',
    ]);
    expect(Object.keys(result.paths['/a'].get.parameters[0] as object)).toEqual([
      'name',
      'in',
      'description',
      'required',
      'schema',
    ]);
    expect(Object.keys(result.paths['/a'].get.responses['200'])).toEqual(['description', 'content']);
    expect(Object.keys(result.paths['/a'].get.responses)).toEqual(['200', '404', '500', '4XX', 'default']);
    expect(Object.keys(result.components.parameters.P)).toEqual(['name', 'in', 'description', 'schema']);
  });
});

describe('curate', () => {
  const setup = (name: string, overlays: Record<string, unknown>, paths = 'paths: []\n') => {
    const dir = join(outputDir, name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, 'overlays'), { recursive: true });
    const raw = {
      openapi: '3.1.0',
      info: { title: 'Raw', version: '1' },
      paths: { '/v1/Things': { get: { summary: 'Get' } } },
    };
    writeFileSync(join(dir, 'raw.yaml'), stringify(raw));
    for (const [file, doc] of Object.entries(overlays))
      writeFileSync(join(dir, 'overlays', file), stringify(doc));
    writeFileSync(join(dir, 'overlays', 'paths.yaml'), paths);
    return {
      raw: join(dir, 'raw.yaml'),
      overlays: join(dir, 'overlays'),
      paths: join(dir, 'overlays', 'paths.yaml'),
      config,
      out: join(dir, 'openapi.yaml'),
      allowStale: false,
    };
  };
  const overlay = (actions: unknown[]) => ({ overlay: '1.0.0', info: { title: 't', version: '1' }, actions });

  it('applies overlays, then canonical paths, and writes the header and the document', () => {
    const options = setup(
      'ok',
      {
        '10-a.yaml': overlay([
          {
            target: "$.paths['/v1/Things'].get",
            description: 'name it',
            update: { operationId: 'listThings' },
          },
        ]),
      },
      'paths:\n  - {raw: /v1/Things, canonical: /v1/things, why: casing}\n',
    );
    const result = curate(options);
    expect(result).toMatchObject({
      files: 1,
      actions: 1,
      warnings: [],
      renamedPaths: 1,
      paths: 1,
      operations: 1,
    });
    const text = readFileSync(options.out, 'utf8');
    expect(text.startsWith(HEADER)).toBe(true);
    expect(parse(text).paths).toEqual({
      '/v1/things': { get: { summary: 'Get', operationId: 'listThings' } },
    });
  });

  it('throws StaleOverlayError listing file, target and description, and writes nothing', () => {
    const options = setup('stale', {
      '10-a.yaml': overlay([{ target: '$.paths.nope', description: 'gone', remove: true }]),
    });
    expect(() => curate(options)).toThrow(StaleOverlayError);
    try {
      curate(options);
    } catch (error) {
      expect((error as StaleOverlayError).lines).toEqual(['10-a.yaml, $.paths.nope, gone']);
    }
    expect(() => readFileSync(options.out)).toThrow(/ENOENT/);
  });

  it('names the missing raw spec and the stage that makes it', () => {
    const options = { ...setup('missing', {}), raw: join(outputDir, 'missing', 'absent.yaml') };
    expect(() => curate(options)).toThrow(/absent\.yaml not found: run the convert stage first/);
  });
});
