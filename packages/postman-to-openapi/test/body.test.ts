import { describe, expect, it } from 'vitest';
import { type BodySample, parseJsonText, requestBodySample } from '../src/body.js';
import { WarningSink } from '../src/errors.js';
import type { PostmanBody } from '../src/types.js';

describe('requestBodySample', () => {
  const cases: Array<
    [
      string,
      { given: { body: PostmanBody; contentType?: string }; want: BodySample | undefined; warning?: string },
    ]
  > = [
    [
      'raw JSON by language',
      {
        given: { body: { mode: 'raw', raw: '{"a":1}', options: { raw: { language: 'json' } } } },
        want: { kind: 'json', mediaType: 'application/json', value: { a: 1 } },
      },
    ],
    [
      'raw JSON with comments and a trailing comma',
      {
        given: { body: { mode: 'raw', raw: '{\n // note\n "a": 1, /* b */\n}' } },
        want: { kind: 'json', mediaType: 'application/json', value: { a: 1 } },
      },
    ],
    [
      'raw JSON sniffed without a language',
      {
        given: { body: { mode: 'raw', raw: '[1, 2]' } },
        want: { kind: 'json', mediaType: 'application/json', value: [1, 2] },
      },
    ],
    [
      'Content-Type header wins, parameters dropped',
      {
        given: {
          body: { mode: 'raw', raw: '{"a":1}' },
          contentType: 'application/vnd.api+json; charset=utf-8',
        },
        want: { kind: 'json', mediaType: 'application/vnd.api+json', value: { a: 1 } },
      },
    ],
    [
      'invalid JSON becomes a text example and a warning',
      {
        given: { body: { mode: 'raw', raw: '{"a": 1 "b": 2}', options: { raw: { language: 'json' } } } },
        want: { kind: 'text', mediaType: 'text/plain', value: '{"a": 1 "b": 2}' },
        warning: 'invalid-json-body',
      },
    ],
    [
      'raw XML',
      {
        given: { body: { mode: 'raw', raw: '<a/>', options: { raw: { language: 'xml' } } } },
        want: { kind: 'text', mediaType: 'application/xml', value: '<a/>' },
      },
    ],
    [
      'raw text',
      {
        given: { body: { mode: 'raw', raw: 'hello' } },
        want: { kind: 'text', mediaType: 'text/plain', value: 'hello' },
      },
    ],
    ['empty raw is no body', { given: { body: { mode: 'raw', raw: '  ' } }, want: undefined }],
    ['disabled body', { given: { body: { mode: 'raw', raw: '{}', disabled: true } }, want: undefined }],
    [
      'urlencoded',
      {
        given: {
          body: {
            mode: 'urlencoded',
            urlencoded: [
              { key: 'a', value: '1' },
              { key: 'b', value: 'x', disabled: true, description: 'B' },
            ],
          },
        },
        want: {
          kind: 'form',
          mediaType: 'application/x-www-form-urlencoded',
          fields: [
            { key: 'a', value: '1', file: false, disabled: false, description: undefined },
            { key: 'b', value: 'x', file: false, disabled: true, description: 'B' },
          ],
        },
      },
    ],
    [
      'formdata with a file part',
      {
        given: {
          body: {
            mode: 'formdata',
            formdata: [
              { key: 'f', type: 'file', src: '/tmp/photo.png' },
              { key: 't', type: 'text', value: 'v' },
            ],
          },
        },
        want: {
          kind: 'form',
          mediaType: 'multipart/form-data',
          fields: [
            { key: 'f', value: 'photo.png', file: true, disabled: false, description: undefined },
            { key: 't', value: 'v', file: false, disabled: false, description: undefined },
          ],
        },
      },
    ],
    [
      'file',
      {
        given: { body: { mode: 'file', file: { src: 'a.bin' } } },
        want: { kind: 'binary', mediaType: 'application/octet-stream' },
      },
    ],
    [
      'graphql with variables',
      {
        given: { body: { mode: 'graphql', graphql: { query: '{ me { id } }', variables: '{"a": 1}' } } },
        want: {
          kind: 'json',
          mediaType: 'application/json',
          value: { query: '{ me { id } }', variables: { a: 1 } },
        },
      },
    ],
    [
      'unknown mode',
      { given: { body: { mode: 'telepathy' } }, want: undefined, warning: 'unsupported-body-mode' },
    ],
  ];
  it.each(cases)('%s', (_name, { given, want, warning }) => {
    const warnings = new WarningSink();
    expect(requestBodySample(given.body, given.contentType, 'here', warnings)).toEqual(want);
    expect(warnings.list.map((entry) => entry.code)).toEqual(warning ? [warning] : []);
  });
});

describe('parseJsonText', () => {
  it('returns the value, or a marker that is never a JSON value', () => {
    expect(parseJsonText('{"a":[1]}')).toEqual({ a: [1] });
    expect(parseJsonText('null')).toBeNull();
    expect(typeof parseJsonText('{oops')).toBe('symbol');
    expect(typeof parseJsonText('https://not-json.example')).toBe('symbol');
  });
});
