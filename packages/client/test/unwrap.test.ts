import type { Contact } from '@replykit/types';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createReplyClient } from '../src/client.js';
import {
  AuthenticationError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
  ReplyApiError,
  ReplyConnectionError,
} from '../src/core/errors.js';
import { unwrap } from '../src/unwrap.js';
import { json, networkError, observedFetch } from './helpers.js';

function clientAnswering(response: () => Response | Promise<Response>) {
  return createReplyClient({ apiKey: 'k', fetch: observedFetch(response).fetch, maxRetries: 0 });
}

describe('unwrap', () => {
  it('returns data on success', async () => {
    const reply = clientAnswering(() => json({ id: 1, email: 'a@example.com' }, 201));
    const contact = await unwrap(
      reply.POST('/v1/people', { body: { email: 'a@example.com', firstName: 'A' } }),
    );
    expect(contact).toEqual({ id: 1, email: 'a@example.com' });
    expectTypeOf(contact).toEqualTypeOf<Contact>();
  });

  it.each([
    [
      '401',
      {
        given: () => json({ message: 'User not found' }, 401),
        want: {
          type: AuthenticationError,
          message: 'GET /v1/people failed with 401 Unauthorized: User not found',
        },
      },
    ],
    [
      '404 with text',
      {
        given: () => new Response('no such thing', { status: 404 }),
        want: { type: NotFoundError, message: 'GET /v1/people failed with 404 Not Found: no such thing' },
      },
    ],
    [
      '429',
      {
        given: () => json({}, 429, { 'retry-after': '7' }),
        want: { type: RateLimitError, message: 'GET /v1/people failed with 429 Too Many Requests' },
      },
    ],
    [
      '500 without a body',
      {
        given: () => new Response(null, { status: 500 }),
        want: { type: InternalServerError, message: 'GET /v1/people failed with 500 Internal Server Error' },
      },
    ],
    [
      '418',
      {
        given: () => new Response(null, { status: 418, statusText: "I'm a teapot" }),
        want: { type: ReplyApiError, message: "GET /v1/people failed with 418 I'm a teapot" },
      },
    ],
  ])('throws the typed error for %s', async (_name, { given, want }) => {
    const error = await unwrap(clientAnswering(given).GET('/v1/people')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(want.type);
    expect(error).toMatchObject({ message: want.message, method: 'GET', path: '/v1/people' });
  });

  it('passes connection errors through', async () => {
    const reply = clientAnswering(() => {
      throw networkError('ECONNREFUSED');
    });
    await expect(unwrap(reply.GET('/v1/people'))).rejects.toBeInstanceOf(ReplyConnectionError);
  });

  it('handles a result that did not come from a client', async () => {
    const response = new Response('{"message":"x"}', { status: 403 });
    await expect(unwrap({ error: { message: 'x' }, response })).rejects.toThrow(
      'UNKNOWN / failed with 403 Forbidden: x',
    );
  });
});
