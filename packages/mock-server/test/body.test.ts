import { describe, expect, it } from 'vitest';
import { baseMediaType, parseBody } from '../src/body.js';

async function multipart(form: FormData): Promise<[Buffer, string]> {
  const request = new Request('http://x', { method: 'POST', body: form });
  return [Buffer.from(await request.arrayBuffer()), request.headers.get('content-type') as string];
}

describe('parseBody', () => {
  it.each([
    [
      'JSON',
      {
        given: ['{"a":1}', 'application/json; charset=utf-8'],
        want: { kind: 'json', mediaType: 'application/json', value: { a: 1 } },
      },
    ],
    [
      'JSON without a content type',
      { given: ['[1]', undefined], want: { kind: 'json', mediaType: undefined, value: [1] } },
    ],
    [
      'text without a content type',
      { given: ['hello', undefined], want: { kind: 'text', mediaType: undefined, value: 'hello' } },
    ],
    [
      'broken JSON',
      {
        given: ['{', 'application/json'],
        want: {
          kind: 'json',
          mediaType: 'application/json',
          value: '{',
          error: expect.stringContaining('JSON'),
        },
      },
    ],
    [
      'URL-encoded',
      {
        given: ['a=1&b=x&b=y', 'application/x-www-form-urlencoded'],
        want: {
          kind: 'form',
          mediaType: 'application/x-www-form-urlencoded',
          value: { a: '1', b: ['x', 'y'] },
        },
      },
    ],
    ['CSV', { given: ['a,b', 'text/csv'], want: { kind: 'text', mediaType: 'text/csv', value: 'a,b' } }],
    [
      'empty',
      {
        given: ['', 'application/json'],
        want: { kind: 'none', mediaType: 'application/json', value: undefined },
      },
    ],
  ] as const)('%s', async (_name, { given, want }) => {
    expect(await parseBody(Buffer.from(given[0]), given[1])).toEqual(want);
  });

  it('reads multipart fields, file parts as text and JSON parts parsed', async () => {
    const form = new FormData();
    form.set('file', new Blob(['a,b\n'], { type: 'text/csv' }), 'x.csv');
    form.set('options', new Blob(['{"listId":1}'], { type: 'application/json' }));
    form.set('note', 'hi');
    const [raw, type] = await multipart(form);
    expect(await parseBody(raw, type)).toEqual({
      kind: 'form',
      mediaType: 'multipart/form-data',
      value: { file: 'a,b\n', options: { listId: 1 }, note: 'hi' },
    });
  });

  it('reports a broken multipart body', async () => {
    const parsed = await parseBody(Buffer.from('garbage'), 'multipart/form-data; boundary=x');
    expect(parsed.kind).toBe('form');
    expect(parsed.error).toBeTruthy();
  });

  it.each([
    ['parameters dropped', { given: 'Application/JSON; charset=utf-8', want: 'application/json' }],
    ['nothing', { given: undefined, want: undefined }],
  ])('baseMediaType: %s', (_name, { given, want }) => {
    expect(baseMediaType(given)).toBe(want);
  });
});
