import { describe, expect, it } from 'vitest';
import type { OpenApiDocument, ResolvedOperation } from '../../src/openapi.js';
import { partFileName, sampleBody } from '../../src/samples/body.js';
import { curlSample } from '../../src/samples/curl.js';
import { typescriptSample } from '../../src/samples/typescript.js';

const doc: OpenApiDocument = { openapi: '3.1.0', info: { title: 't', version: '1' } };

function post(contentType: string, media: Record<string, unknown>, required: boolean): ResolvedOperation {
  return {
    path: '/v1/import',
    method: 'post',
    operation: { operationId: 'importThings', summary: 'Import', requestBody: { required }, responses: {} },
    parameters: [],
    body: media,
    bodyContentType: contentType,
  };
}

const multipart = post(
  'multipart/form-data',
  {
    example: { file: 'Email\njane@example.com\n', options: { listId: 7 }, note: 'x' },
    encoding: { file: { contentType: 'text/csv' }, options: { contentType: 'application/json' } },
  },
  true,
);

describe('sampleBody', () => {
  it.each([
    [
      'a JSON body, even an optional one',
      {
        given: post('application/json', { example: { a: 1 } }, false),
        want: { kind: 'json', value: { a: 1 } },
      },
    ],
    [
      'a required text body',
      {
        given: post('text/plain', { example: 'example.com' }, true),
        want: { kind: 'text', contentType: 'text/plain', value: 'example.com' },
      },
    ],
    [
      'an optional text body is left out',
      { given: post('text/plain', { example: 'ignored' }, false), want: { kind: 'none' } },
    ],
    [
      'a multipart body split into file, JSON and text parts',
      {
        given: multipart,
        want: {
          kind: 'multipart',
          value: { file: 'Email\njane@example.com\n', options: { listId: 7 }, note: 'x' },
          parts: [
            { name: 'file', kind: 'file', contentType: 'text/csv', value: 'Email\njane@example.com\n' },
            { name: 'options', kind: 'json', contentType: 'application/json', value: { listId: 7 } },
            { name: 'note', kind: 'text', contentType: undefined, value: 'x' },
          ],
        },
      },
    ],
  ])('%s', (_, { given, want }) => {
    expect(sampleBody(doc, given)).toEqual(want);
  });
});

describe('partFileName', () => {
  it.each([
    ['a CSV file', { given: 'text/csv', want: 'file.csv' }],
    ['a type with parameters', { given: 'text/csv; charset=utf-8', want: 'file.csv' }],
    ['an unknown type', { given: 'application/x-thing', want: 'file.bin' }],
  ])('%s', (_, { given, want }) => {
    expect(partFileName({ name: 'file', kind: 'file', contentType: given, value: '' })).toBe(want);
  });
});

describe('samples of non-JSON bodies', () => {
  it('builds the multipart form in a bodySerializer', () => {
    expect(typescriptSample(doc, multipart)).toContain(
      [
        '    bodySerializer: (body) => {',
        '      const form = new FormData();',
        "      form.append('file', new Blob([body.file], { type: 'text/csv' }), 'file.csv');",
        "      form.append('options', new Blob([JSON.stringify(body.options)], { type: 'application/json' }));",
        "      form.append('note', String(body.note));",
        '      return form;',
        '    },',
        '  }),',
      ].join('\n'),
    );
  });

  it('sends a text body as it is, with its content type', () => {
    const sample = typescriptSample(doc, post('text/plain', { example: 'example.com' }, true));
    expect(sample).toContain(
      "    body: 'example.com',\n    headers: { 'Content-Type': 'text/plain' },\n    bodySerializer: (body) => body,\n  }),",
    );
  });

  it('uses curl form fields for multipart and raw data for text', () => {
    expect(curlSample(doc, multipart)).toBe(
      [
        "curl -X POST 'https://api.reply.io/v1/import' \\",
        '  -H "x-api-key: $REPLY_API_KEY" \\',
        "  -F 'file=@file.csv;type=text/csv' \\",
        `  -F 'options={"listId":7};type=application/json' \\`,
        "  -F 'note=x'",
        '',
      ].join('\n'),
    );
    expect(curlSample(doc, post('text/plain', { example: "it's" }, true))).toContain(
      "-H 'Content-Type: text/plain' \\\n  --data-raw 'it'\\''s'\n",
    );
  });
});
