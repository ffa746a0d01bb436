import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractTables, generateTables, outputDir } from '../../scripts/generate-tables.js';

const base = {
  openapi: '3.1.0',
  info: { title: 't', version: '1', 'x-reply-monthly-quota': 15000 },
  servers: [{ url: 'https://api.reply.io/' }],
};

const page = (items: unknown) => ({
  type: 'object',
  properties: { items, page: { type: 'integer' }, pagesCount: { type: 'integer' } },
});

function getWith(schema: unknown, parameters: unknown[] = [{ name: 'page', in: 'query' }]) {
  return { get: { parameters, responses: { 200: { content: { 'application/json': { schema } } } } } };
}

describe('generateTables', () => {
  it('matches the committed src/generated files (run `pnpm --filter @replykit/client generate` if not)', () => {
    const { files } = generateTables();
    for (const [name, text] of Object.entries(files)) {
      expect(readFileSync(join(outputDir, name), 'utf8'), `src/generated/${name}`).toBe(text);
      expect(text.split('\n')[0]).toContain('Do not edit.');
    }
  });
});

describe('extractTables', () => {
  it.each([
    [
      'a throttled operation',
      {
        given: { '/v1/campaigns': { get: { 'x-reply-throttle-seconds': 10, responses: {} } } },
        want: { throttle: { 'GET /v1/campaigns': 10 }, pagination: {}, numbered: [] },
      },
    ],
    [
      'a page envelope through $ref and oneOf',
      {
        given: {
          '/v1/people': getWith({ oneOf: [{ $ref: '#/components/schemas/Page' }, { type: 'object' }] }),
        },
        want: { throttle: {}, pagination: { '/v1/people': 'items' }, numbered: ['/v1/people'] },
      },
    ],
    [
      'an envelope merged with allOf',
      {
        given: { '/v1/x': getWith({ allOf: [{ $ref: '#/components/schemas/Page' }, { type: 'object' }] }) },
        want: { throttle: {}, pagination: { '/v1/x': 'items' }, numbered: ['/v1/x'] },
      },
    ],
    [
      'a page envelope without a page parameter (paged by its next links)',
      {
        given: { '/v1/x': getWith({ $ref: '#/components/schemas/Page' }, []) },
        want: { throttle: {}, pagination: { '/v1/x': 'items' }, numbered: [] },
      },
    ],
    [
      'a GET whose response is no envelope (not paged)',
      {
        given: { '/v1/x': getWith({ type: 'object', properties: { items: { type: 'array' } } }) },
        want: { throttle: {}, pagination: {}, numbered: [] },
      },
    ],
  ])('finds %s', (_name, { given, want }) => {
    const spec = {
      ...base,
      paths: given,
      components: { schemas: { Page: page({ type: 'array', items: {} }) } },
    };
    expect(extractTables(spec)).toEqual({ ...want, monthlyQuota: 15000, serverUrl: 'https://api.reply.io/' });
  });

  it.each([
    [
      'a bad throttle value',
      {
        given: { ...base, paths: { '/a': { post: { 'x-reply-throttle-seconds': '10' } } } },
        want: 'paths./a.post: x-reply-throttle-seconds must be a positive number',
      },
    ],
    [
      'an envelope with two arrays',
      {
        given: {
          ...base,
          paths: {
            '/a': getWith({
              type: 'object',
              properties: { a: { type: 'array' }, b: { type: ['array', 'null'] }, next: {} },
            }),
          },
        },
        want: 'paths./a.get: a page envelope needs exactly one array property for its items (found 2: a, b)',
      },
    ],
    [
      'no quota',
      {
        given: { ...base, info: { title: 't', version: '1' }, paths: {} },
        want: 'info: no x-...quota... extension with the monthly call quota',
      },
    ],
    [
      'no server',
      { given: { ...base, servers: [], paths: {} }, want: 'servers[0].url: missing or not an http(s) URL' },
    ],
  ])('fails on %s', (_name, { given, want }) => {
    expect(() => extractTables(given)).toThrow(want);
  });
});
