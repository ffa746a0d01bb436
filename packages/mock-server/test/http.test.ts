import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BodyTooLargeError, readBody, send } from '../src/http.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;
let handler: Handler = () => undefined;
const server = createServer((req, res) => void handler(req, res));
let url = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('send', () => {
  it.each([
    [
      'JSON',
      {
        given: ['GET', 200, { a: 1 }, undefined],
        want: { status: 200, type: 'application/json; charset=utf-8', text: '{"a":1}' },
      },
    ],
    [
      'text as is',
      { given: ['GET', 200, 'OK', 'text/plain'], want: { status: 200, type: 'text/plain', text: 'OK' } },
    ],
    [
      'an object under a text type, as JSON',
      {
        given: ['GET', 200, { a: 1 }, 'text/plain'],
        want: { status: 200, type: 'text/plain', text: '{"a":1}' },
      },
    ],
    [
      'no body for 204',
      { given: ['DELETE', 204, { a: 1 }, 'application/json'], want: { status: 204, type: null, text: '' } },
    ],
    [
      'no body for HEAD',
      {
        given: ['HEAD', 200, { a: 1 }, undefined],
        want: { status: 200, type: 'application/json; charset=utf-8', text: '' },
      },
    ],
  ] as const)('%s', async (_name, { given, want }) => {
    const [method, status, body, type] = given;
    handler = (_req, res) => send(res, method, status, body, type);
    const response = await fetch(url, { method });
    expect({
      status: response.status,
      type: response.headers.get('content-type'),
      text: await response.text(),
    }).toEqual(want);
  });
});

describe('readBody', () => {
  it('reads the whole body and refuses one over the limit', async () => {
    const results: unknown[] = [];
    handler = async (req, res) => {
      results.push(
        await readBody(req, 5).then(
          (b) => b.toString(),
          (e: unknown) => e,
        ),
      );
      res.end();
    };
    await fetch(url, { method: 'POST', body: 'hello' });
    await fetch(url, { method: 'POST', body: 'hello!' });
    expect(results[0]).toBe('hello');
    expect(results[1]).toBeInstanceOf(BodyTooLargeError);
  });
});
