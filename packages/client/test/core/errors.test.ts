import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  apiErrorFrom,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  parseRetryAfter,
  RateLimitError,
  ReplyApiError,
  ReplyConfigError,
  ReplyConnectionError,
  ReplyError,
  ReplyTimeoutError,
  serverMessage,
} from '../../src/core/errors.js';

const request = { method: 'GET', path: '/v1/people' };

function response(status: number, headers: Record<string, string> = {}, statusText = '') {
  return { status, statusText, headers: new Headers(headers) };
}

describe('apiErrorFrom', () => {
  it.each([
    ['400', { given: 400, want: BadRequestError }],
    ['401', { given: 401, want: AuthenticationError }],
    ['403', { given: 403, want: PermissionDeniedError }],
    ['404', { given: 404, want: NotFoundError }],
    ['429', { given: 429, want: RateLimitError }],
    ['500', { given: 500, want: InternalServerError }],
    ['503', { given: 503, want: InternalServerError }],
    ['409 (no class of its own)', { given: 409, want: ReplyApiError }],
  ])('%s → its class', (_name, { given, want }) => {
    const error = apiErrorFrom(request, response(given), undefined);
    expect(error).toBeInstanceOf(want);
    expect(error).toBeInstanceOf(ReplyApiError);
    expect(error).toBeInstanceOf(ReplyError);
    expect(error.name).toBe(want.name);
    expect(error.status).toBe(given);
  });

  it.each([
    [
      'JSON message',
      {
        given: { statusCode: 404, message: 'Contact not found' },
        want: 'GET /v1/people failed with 404 Not Found: Contact not found',
      },
    ],
    ['error field', { given: { error: 'Nope' }, want: 'GET /v1/people failed with 404 Not Found: Nope' }],
    ['text body', { given: '  Not\nhere  ', want: 'GET /v1/people failed with 404 Not Found: Not here' }],
    ['empty body', { given: undefined, want: 'GET /v1/people failed with 404 Not Found' }],
    ['body without a message', { given: { code: 7 }, want: 'GET /v1/people failed with 404 Not Found' }],
  ])('message from a %s', (_name, { given, want }) => {
    expect(apiErrorFrom(request, response(404), given).message).toBe(want);
  });

  it('carries status, method, path, body and redacted headers', () => {
    const body = { message: 'slow down' };
    const error = apiErrorFrom(
      { method: 'POST', path: '/v2/campaigns' },
      response(429, { 'Retry-After': '3', 'X-Request-Id': 'r1', 'Set-Cookie': 'session=secret' }),
      body,
    );
    expect(error).toMatchObject({
      status: 429,
      method: 'POST',
      path: '/v2/campaigns',
      body,
      headers: { 'retry-after': '3', 'x-request-id': 'r1', 'set-cookie': '[redacted]' },
      retryAfterMs: 3000,
    });
  });

  it('scrubs secrets the server echoes from the message, body and headers', () => {
    const secret = 'canary-KEY-123';
    const error = apiErrorFrom(
      request,
      response(401, { 'x-echo': secret }),
      { message: `bad key ${secret}`, detail: [secret] },
      [secret],
    );
    expect(JSON.stringify(error)).not.toContain(secret);
    expect(error.message).toBe('GET /v1/people failed with 401 Unauthorized: bad key [redacted]');
    expect(error.body).toEqual({ message: 'bad key [redacted]', detail: ['[redacted]'] });
  });

  it('shows the same fields in JSON and util.inspect', () => {
    const error = apiErrorFrom(request, response(404), { message: 'gone' });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'NotFoundError',
      message: 'GET /v1/people failed with 404 Not Found: gone',
      status: 404,
      method: 'GET',
      path: '/v1/people',
      body: { message: 'gone' },
      headers: {},
    });
    const shown = inspect(error);
    expect(shown).toContain('NotFoundError: GET /v1/people failed with 404 Not Found: gone');
    expect(shown).toContain('status: 404');
  });
});

describe('other errors', () => {
  it.each([
    ['ReplyConfigError', { given: new ReplyConfigError('bad'), want: 'ReplyConfigError' }],
    [
      'ReplyConnectionError',
      { given: new ReplyConnectionError('down', { method: 'GET', path: '/' }), want: 'ReplyConnectionError' },
    ],
    [
      'ReplyTimeoutError',
      {
        given: new ReplyTimeoutError('slow', { method: 'GET', path: '/', timeoutMs: 5 }),
        want: 'ReplyTimeoutError',
      },
    ],
  ])('%s has its name in the stack', (_name, { given, want }) => {
    expect(given.name).toBe(want);
    expect(given.stack?.split('\n')[0]).toBe(`${want}: ${given.message}`);
    expect(given).toBeInstanceOf(ReplyError);
  });

  it('a timeout is a connection error with code ETIMEDOUT', () => {
    const error = new ReplyTimeoutError('slow', { method: 'GET', path: '/', timeoutMs: 5 });
    expect(error).toBeInstanceOf(ReplyConnectionError);
    expect(error).toMatchObject({ code: 'ETIMEDOUT', timeoutMs: 5 });
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it.each([
    ['seconds', { given: '5', want: 5_000 }],
    ['fractional seconds', { given: '0.5', want: 500 }],
    ['zero', { given: '0', want: 0 }],
    ['an HTTP date', { given: 'Thu, 01 Jan 2026 00:00:10 GMT', want: 10_000 }],
    ['a past date', { given: 'Wed, 31 Dec 2025 23:00:00 GMT', want: 0 }],
    ['absent', { given: null, want: undefined }],
    ['garbage', { given: 'soon', want: undefined }],
    ['negative', { given: '-1', want: undefined }],
  ])('%s', (_name, { given, want }) => {
    expect(parseRetryAfter(given, now)).toBe(want);
  });
});

describe('serverMessage', () => {
  it.each([
    ['long text is cut', { given: 'x'.repeat(300), want: `${'x'.repeat(199)}…` }],
    ['title', { given: { title: 'Validation failed' }, want: 'Validation failed' }],
    ['blank message falls through', { given: { message: ' ', error: 'E' }, want: 'E' }],
    ['number', { given: 42, want: undefined }],
  ])('%s', (_name, { given, want }) => {
    expect(serverMessage(given)).toBe(want);
  });
});
