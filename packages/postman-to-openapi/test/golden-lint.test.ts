import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusEntries } from './helpers.js';
import { lintErrors } from './lint.js';

/** Every committed expected output passes Redocly's structural lint (test/redocly.yaml) with 0 errors. */
describe('golden outputs lint clean', () => {
  for (const entry of corpusEntries()) {
    it(`${entry.set}/${entry.name}`, async () => {
      const path = join(entry.goldenDir, 'expected.openapi.yaml');
      expect(await lintErrors(readFileSync(path, 'utf8'), path)).toEqual([]);
    });
  }
});

describe('the lint config', () => {
  const cases: Array<[string, { given: string; want: string }]> = [
    ['missing info', { given: 'openapi: 3.1.0\npaths: {}\n', want: 'struct' }],
    [
      'undeclared path parameter',
      {
        given:
          'openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths:\n  /a/{id}:\n    get:\n      responses: {"200": {description: ok}}\n',
        want: 'path-parameters-defined',
      },
    ],
    [
      'example not matching its schema',
      {
        given:
          'openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths:\n  /a:\n    get:\n      responses:\n        "200":\n          description: ok\n          content:\n            application/json:\n              schema: {type: integer}\n              examples: {one: {value: x}}\n',
        want: 'no-invalid-media-type-examples',
      },
    ],
  ];
  it.each(cases)('reports %s', async (_name, { given, want }) => {
    const errors = await lintErrors(given, 'broken.yaml');
    expect(errors.map((error) => error.rule)).toContain(want);
  });
});
