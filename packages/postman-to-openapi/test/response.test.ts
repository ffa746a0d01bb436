import { describe, expect, it } from 'vitest';
import { WarningSink } from '../src/errors.js';
import { headerValue, type ResponseSample, readResponses } from '../src/response.js';
import type { PostmanResponse } from '../src/types.js';

describe('readResponses', () => {
  const cases: Array<[string, { given: PostmanResponse; want: ResponseSample; warning?: string }]> = [
    [
      'JSON by Content-Type header',
      {
        given: {
          name: 'Success',
          code: 200,
          status: 'OK',
          header: [{ key: 'Content-Type', value: 'application/json; charset=utf-8' }],
          body: '{"id": 1}',
        },
        want: {
          status: '200',
          description: 'OK',
          name: 'Success',
          body: { kind: 'json', mediaType: 'application/json', value: { id: 1 } },
        },
      },
    ],
    [
      'JSON by preview language, no status text',
      {
        given: { name: 'Created', code: 201, _postman_previewlanguage: 'json', body: '[]' },
        want: {
          status: '201',
          description: 'Created',
          name: 'Created',
          body: { kind: 'json', mediaType: 'application/json', value: [] },
        },
      },
    ],
    [
      'status code only in the status line',
      {
        given: { name: 'x', status: '404 Not Found' },
        want: { status: '404', description: 'Not Found', name: 'x', body: undefined },
      },
    ],
    [
      'no status code at all',
      {
        given: { name: 'mystery', body: 'hi' },
        want: {
          status: 'default',
          description: 'mystery',
          name: 'mystery',
          body: { kind: 'text', mediaType: 'text/plain', value: 'hi' },
        },
        warning: 'missing-status-code',
      },
    ],
    [
      'invalid JSON response',
      {
        given: {
          name: 'bad',
          code: 200,
          header: [{ key: 'content-type', value: 'application/json' }],
          body: '{"a":',
        },
        want: {
          status: '200',
          description: 'bad',
          name: 'bad',
          body: { kind: 'text', mediaType: 'text/plain', value: '{"a":' },
        },
        warning: 'invalid-json-response',
      },
    ],
    [
      'unnamed response, empty body',
      {
        given: { code: 204, status: 'No Content', body: '' },
        want: { status: '204', description: 'No Content', name: 'example 1', body: undefined },
      },
    ],
  ];
  it.each(cases)('%s', (_name, { given, want, warning }) => {
    const warnings = new WarningSink();
    expect(readResponses([given], 'req', warnings)).toEqual([want]);
    expect(warnings.list.map((entry) => entry.code)).toEqual(warning ? [warning] : []);
  });
});

describe('headerValue', () => {
  it('reads arrays case-insensitively, skips disabled headers, reads raw header blocks', () => {
    expect(
      headerValue(
        [
          { key: 'Content-Type', value: 'a', disabled: true },
          { key: 'content-type', value: 'b' },
        ],
        'Content-Type',
      ),
    ).toBe('b');
    expect(headerValue('X-A: 1\r\nContent-Type: text/html', 'content-type')).toBe('text/html');
    expect(headerValue(undefined, 'x')).toBeUndefined();
  });
});
