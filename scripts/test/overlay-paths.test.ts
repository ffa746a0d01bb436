import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../src/overlay.js';
import { canonicalizePaths, canonicalPath, loadPathTable, placeholderRenames } from '../src/overlay-paths.js';

const outputDir = fileURLToPath(new URL('../test-output/overlay-paths', import.meta.url));

describe('placeholderRenames', () => {
  const cases: [string, { raw: string; canonical: string; want: Record<string, string> | RegExp }][] = [
    ['case of a literal segment only', { raw: '/v1/Blacklist', canonical: '/v1/blacklist', want: {} }],
    [
      'a misspelled placeholder',
      {
        raw: '/x/{brankedLinkId}/active',
        canonical: '/x/{brandedLinkId}/active',
        want: { brankedLinkId: 'brandedLinkId' },
      },
    ],
    [
      'two placeholders',
      {
        raw: '/c/{a}/s/{campaignStepID}',
        canonical: '/c/{a}/s/{stepId}',
        want: { campaignStepID: 'stepId' },
      },
    ],
    [
      'a changed literal',
      { raw: '/v1/people', canonical: '/v1/persons', want: /changes segment "people" beyond letter case/ },
    ],
    [
      'a placeholder turned literal',
      { raw: '/v1/{id}', canonical: '/v1/id', want: /changes segment "\{id\}"/ },
    ],
    ['a different depth', { raw: '/v1/a', canonical: '/v1/a/b', want: /changes the number of segments/ }],
  ];
  it.each(cases)('%s', (_name, { raw, canonical, want }) => {
    const run = () => placeholderRenames({ raw, canonical, why: 'w' }, 'paths.yaml: entry 1');
    if (want instanceof RegExp) expect(run).toThrow(want);
    else expect(Object.fromEntries(run())).toEqual(want);
  });
});

describe('canonicalizePaths', () => {
  const document = (): JsonObject => ({
    paths: {
      '/v1/emailAccounts': { get: { operationId: 'list' } },
      '/v1/schedules/{id}': {
        parameters: [{ name: 'id', in: 'path', required: true }],
        get: {
          parameters: [
            { name: 'id', in: 'path', description: 'Id.' },
            { name: 'id', in: 'query' },
          ],
        },
      },
      '/v1/EmailAccounts': { post: { operationId: 'upsert' }, delete: { operationId: 'delete' } },
    },
  });
  const table = [
    { raw: '/v1/EmailAccounts', canonical: '/v1/emailAccounts', why: 'one resource' },
    { raw: '/v1/schedules/{id}', canonical: '/v1/schedules/{scheduleId}', why: 'say what it is' },
  ];

  it('merges paths that differ by case into the first one, keeping path order', () => {
    const { document: result, stale, renamed } = canonicalizePaths(document(), table);
    expect(Object.keys(result.paths as JsonObject)).toEqual([
      '/v1/emailAccounts',
      '/v1/schedules/{scheduleId}',
    ]);
    expect((result.paths as JsonObject)['/v1/emailAccounts']).toEqual({
      get: { operationId: 'list' },
      post: { operationId: 'upsert' },
      delete: { operationId: 'delete' },
    });
    expect([stale, renamed]).toEqual([[], 2]);
  });

  it('renames path parameters with their placeholder, and only path parameters', () => {
    const item = (canonicalizePaths(document(), table).document.paths as JsonObject)[
      '/v1/schedules/{scheduleId}'
    ];
    expect(item).toEqual({
      parameters: [{ name: 'scheduleId', in: 'path', required: true }],
      get: {
        parameters: [
          { name: 'scheduleId', in: 'path', description: 'Id.' },
          { name: 'id', in: 'query' },
        ],
      },
    });
  });

  it('reports table entries whose raw path is not in the document', () => {
    const extra = [...table, { raw: '/v1/Gone', canonical: '/v1/gone', why: 'w' }];
    expect(canonicalizePaths(document(), extra).stale).toEqual([
      { raw: '/v1/Gone', canonical: '/v1/gone', why: 'w' },
    ]);
  });

  it('fails when both raw paths define the same method', () => {
    const doc = document();
    ((doc.paths as JsonObject)['/v1/EmailAccounts'] as JsonObject).get = { operationId: 'other' };
    expect(() => canonicalizePaths(doc, table)).toThrow(
      /\/v1\/EmailAccounts and another raw path both define `get`/,
    );
  });

  it('does not change its input', () => {
    const input = document();
    canonicalizePaths(input, table);
    expect(input).toEqual(document());
  });

  it('canonicalPath maps listed raw paths and keeps the others', () => {
    expect(canonicalPath('/v1/EmailAccounts', table)).toBe('/v1/emailAccounts');
    expect(canonicalPath('/v1/people', table)).toBe('/v1/people');
  });
});

describe('loadPathTable', () => {
  const cases: [string, { text: string; error: RegExp }][] = [
    ['no list', { text: 'paths: {}\n', error: /paths\.yaml: expected a `paths` list/ }],
    ['no why', { text: 'paths:\n  - {raw: /A, canonical: /a}\n', error: /entry 1 \(\/A\): needs a `why`/ }],
    [
      'a duplicate',
      {
        text: 'paths:\n  - {raw: /A, canonical: /a, why: w}\n  - {raw: /A, canonical: /a, why: w}\n',
        error: /entry 2: \/A is listed twice/,
      },
    ],
    [
      'a rename beyond case',
      {
        text: 'paths:\n  - {raw: /A, canonical: /b, why: w}\n',
        error: /entry 1: \/A → \/b changes segment "A"/,
      },
    ],
  ];
  it.each(cases)('rejects a table with %s', (_name, { text, error }) => {
    mkdirSync(outputDir, { recursive: true });
    const path = join(outputDir, 'paths.yaml');
    writeFileSync(path, text);
    expect(() => loadPathTable(path)).toThrow(error);
  });

  it('the committed table is valid', () => {
    const table = loadPathTable(fileURLToPath(new URL('../../spec/overlays/paths.yaml', import.meta.url)));
    expect(table.length).toBeGreaterThan(10);
  });
});
