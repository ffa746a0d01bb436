import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { lintSpec } from '../src/lint-spec.js';

const outputDir = fileURLToPath(new URL('../test-output/lint-spec', import.meta.url));
const config = fileURLToPath(new URL('../../spec/redocly.yaml', import.meta.url));

const spec = (operation: Record<string, unknown>) => ({
  openapi: '3.1.0',
  info: { title: 'T', version: '1', description: 'D' },
  servers: [{ url: 'https://api.reply.io' }],
  security: [{ key: [] }],
  tags: [{ name: 'Things', description: 'Things.' }],
  paths: { '/things': { get: operation } },
  components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'x-api-key' } } },
});

const clean = {
  tags: ['Things'],
  summary: 'List things',
  description: 'Returns the things.',
  operationId: 'listThings',
  responses: { '200': { description: 'The things.' }, '404': { description: 'No things.' } },
};

describe('lintSpec with spec/redocly.yaml', () => {
  const cases: [string, { operation: Record<string, unknown>; want: { errors: number; codes: string[] } }][] =
    [
      ['a curated operation is clean', { operation: clean, want: { errors: 0, codes: [] } }],
      [
        'an operation without description or 4xx response is reported',
        {
          operation: {
            ...clean,
            description: undefined,
            responses: { '200': { description: 'The things.' } },
          },
          want: { errors: 2, codes: ['operation-4xx-response', 'operation-description'] },
        },
      ],
      [
        'an undeclared tag and a parameter without description are reported',
        {
          operation: {
            ...clean,
            tags: ['Other'],
            parameters: [{ name: 'q', in: 'query', schema: { type: 'string' } }],
          },
          want: { errors: 2, codes: ['operation-tag-defined', 'parameter-description'] },
        },
      ],
    ];

  it.each(cases)('%s', (name, { operation, want }) => {
    mkdirSync(outputDir, { recursive: true });
    const file = join(outputDir, `${name.replace(/[^a-z0-9]+/gi, '-')}.yaml`);
    writeFileSync(file, stringify(spec(JSON.parse(JSON.stringify(operation)))));
    const result = lintSpec(file, config);
    expect(result.problems.map((problem) => problem.code).sort()).toEqual(want.codes);
    expect([result.errors, result.warnings]).toEqual([want.errors, 0]);
    for (const problem of result.problems) expect(problem.location).toMatch(/^#\//);
  });
});
