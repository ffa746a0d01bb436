import { inspect } from 'node:util';
import type { Contact, ContactPage } from '@replykit/types';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  type ReplyApiError,
  ReplyConnectionError,
  ReplyTimeoutError,
  unwrap,
} from '../../src/index.js';
import { testKey, useMockServer } from './mock.js';

const { mock, client } = await useMockServer();
const fast = { retryDelayMs: 5, maxRetryDelayMs: 20 };
const newContact = (email: string) => ({ email, firstName: 'Ann' });

function last() {
  const recorded = mock.requests.at(-1);
  if (!recorded) throw new Error('no request recorded');
  return recorded;
}

describe('over real HTTP against the mock server', () => {
  it('runs user middleware (openapi-fetch) before sending', async () => {
    const reply = client({
      middleware: [{ onRequest: ({ request }) => void request.headers.set('x-trace', 't-1') }],
    });
    await reply.GET('/v2/schedules');
    expect(last().headers['x-trace']).toBe('t-1');
  });

  it('sends typed calls and returns typed data', async () => {
    const reply = client();
    const { data, error, response } = await reply.GET('/v1/people', {
      params: { query: { page: 1, limit: 10 } },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data).toHaveProperty('people');
    expect(last()).toMatchObject({
      method: 'GET',
      path: '/v1/people',
      query: { page: '1', limit: '10' },
      headers: { 'x-api-key': '[REDACTED]' },
    });
    const created = await unwrap(reply.POST('/v1/people', { body: newContact('ann@example.com') }));
    expectTypeOf(created).toEqualTypeOf<Contact>();
    expect(created.email).toEqual(expect.any(String));
  });

  it.each([
    ['/v1/people', { params: { query: { limit: 100 } } }, { limit: '100', page: '1' }],
    ['/v1/people/list/{listId}', { params: { path: { listId: 7 } } }, {}],
    ['/v1/people/list', { params: { query: { name: 'My List' } } }, { name: 'My List' }],
    ['/v1/campaigns/{campaignId}/people', { params: { path: { campaignId: 42 } } }, {}],
  ] as const)('paginates %s', async (path, init, query) => {
    const reply = client();
    const firstPage = (await unwrap(reply.GET(path, init as never))) as ContactPage;
    const contacts: Contact[] = [];
    for await (const contact of reply.paginate(path, init as never)) contacts.push(contact);
    expect(contacts).toEqual(firstPage.people);
    expect(last().query).toEqual(query);
  });

  it('impersonates with actAs and leaves the parent alone', async () => {
    const reply = client();
    await reply.actAs({ email: 'jane@example.com' }).GET('/v2/schedules');
    expect(last().impersonation).toEqual({ email: 'jane@example.com' });
    await reply.actAs({ userId: 42 }).GET('/v2/schedules');
    expect(last().impersonation).toEqual({ userId: '42' });
    await reply.GET('/v2/schedules');
    expect(last().impersonation).toEqual({});
  });

  it.each([
    ['400', { given: 400, want: BadRequestError }],
    ['403', { given: 403, want: PermissionDeniedError }],
    ['404', { given: 404, want: NotFoundError }],
    ['429', { given: 429, want: RateLimitError }],
    ['500', { given: 500, want: InternalServerError }],
  ])('unwrap throws the typed error for a documented %s', async (_name, { given, want }) => {
    const reply = client({ maxRetries: 0 });
    const error = await unwrap(
      reply.GET('/v2/schedules/{scheduleId}', {
        params: { path: { scheduleId: 7 } },
        headers: { Prefer: `code=${given}` },
      }),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(want);
    const apiError = error as ReplyApiError;
    expect(apiError).toMatchObject({ status: given, method: 'GET', path: '/v2/schedules/7' });
    expect(apiError.message).toMatch(new RegExp(`^GET /v2/schedules/7 failed with ${given} `));
    expect(apiError.body).toBeTypeOf('object');
    expect(apiError.headers['content-type']).toContain('json');
  });

  it('gets a real 401 when the key does not reach the server', async () => {
    const reply = client({
      fetch: (request, init) => {
        request.headers.delete('x-api-key');
        return fetch(request, init);
      },
    });
    const error = await unwrap(reply.GET('/v1/people')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(String((error as Error).message)).not.toContain(testKey);
  });
});

describe('faults', () => {
  it('retries a GET after a reset connection and a 503', async () => {
    mock.scriptFaults(
      { fault: 'reset', path: '/v2/schedules' },
      { fault: 503, path: '/v2/schedules', retryAfterSeconds: 0 },
    );
    const before = mock.requests.length;
    const { response } = await client(fast).GET('/v2/schedules');
    expect(response.status).toBe(200);
    expect(mock.requests.slice(before).map((request) => request.fault ?? request.status)).toEqual([
      'reset',
      503,
      200,
    ]);
  });

  it.each([
    [
      'a reset before execution: not retried',
      { given: 'reset' as const, want: { error: ReplyConnectionError, executions: 0, attempts: 1 } },
    ],
    [
      'a lost response: not retried, executed once',
      {
        given: 'reset-after-execute' as const,
        want: { error: ReplyConnectionError, executions: 1, attempts: 1 },
      },
    ],
    [
      'a 503: not retried',
      { given: 503 as const, want: { error: InternalServerError, executions: 0, attempts: 1 } },
    ],
    [
      'a 429: retried, executed once',
      { given: 429 as const, want: { error: undefined, executions: 1, attempts: 2 } },
    ],
  ])('POST after %s', async (name, { given, want }) => {
    const key = `post-${name}`;
    mock.scriptFaults({ fault: given, method: 'POST', path: '/v1/people', retryAfterSeconds: 0 });
    const error = await unwrap(
      client(fast).POST('/v1/people', {
        body: newContact('bob@example.com'),
        headers: { 'X-Mock-Request-Key': key },
      }),
    ).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    if (want.error) expect(error).toBeInstanceOf(want.error);
    else expect(error).toBeUndefined();
    const [group] = mock.executions({ method: 'POST' }).filter((execution) => execution.key.endsWith(key));
    expect({ executions: group?.executions, attempts: group?.attempts }).toEqual({
      executions: want.executions,
      attempts: want.attempts,
    });
  });

  it('honours Retry-After', async () => {
    mock.scriptFaults({ fault: 429, path: '/v2/schedules', retryAfterSeconds: 1 });
    const started = Date.now();
    const { response } = await client(fast).GET('/v2/schedules');
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('times out a hanging request and retries the GET', async () => {
    mock.scriptFaults({ fault: 'hang', path: '/v2/schedules' });
    const { response } = await client({ ...fast, timeoutMs: 300 }).GET('/v2/schedules');
    expect(response.status).toBe(200);
    mock.scriptFaults({ fault: 'hang', path: '/v2/schedules' });
    await expect(client({ ...fast, timeoutMs: 300, maxRetries: 0 }).GET('/v2/schedules')).rejects.toThrow(
      new ReplyTimeoutError('GET /v2/schedules timed out after 300 ms', {
        method: 'GET',
        path: '/v2/schedules',
        timeoutMs: 300,
      }),
    );
  });

  it('aborts with the caller signal', async () => {
    mock.scriptFaults({ fault: 'hang', path: '/v2/schedules' });
    await expect(client().GET('/v2/schedules', { signal: AbortSignal.timeout(100) })).rejects.toMatchObject({
      name: 'TimeoutError',
    });
  });
});

describe('secrets over real HTTP', () => {
  it('never shows a canary key in errors, logs or the client, on any error path', async () => {
    const canary = 'CANARY-integration-7f3e9a1c';
    const lines: string[] = [];
    const log = (message: string, fields?: unknown) => lines.push(message, JSON.stringify(fields));
    const reply = client({
      apiKey: canary,
      logger: { debug: log, info: log, warn: log, error: log },
      ...fast,
    });
    const errors: unknown[] = [];
    for (const status of [400, 401, 403, 404, 429, 500]) {
      const call = reply.GET('/v2/schedules/{scheduleId}', {
        params: { path: { scheduleId: 1 } },
        headers: { Prefer: `code=${status}` },
        maxRetries: 0,
      });
      errors.push(await unwrap(call).catch((caught: unknown) => caught));
    }
    mock.scriptFaults({ fault: 'reset', method: 'POST', path: '/v1/people' });
    errors.push(
      await reply
        .POST('/v1/people', { body: newContact('c@example.com') })
        .catch((caught: unknown) => caught),
    );
    mock.scriptFaults({ fault: 'hang', path: '/v2/schedules' });
    errors.push(
      await reply.GET('/v2/schedules', { timeoutMs: 200, maxRetries: 0 }).catch((caught: unknown) => caught),
    );
    expect(errors.every((error) => error instanceof Error)).toBe(true);
    const rendered = [...errors, reply].flatMap((value) => [
      String((value as Error).message),
      String((value as Error).stack),
      JSON.stringify(value),
      inspect(value, { depth: Number.POSITIVE_INFINITY }),
    ]);
    for (const text of [...rendered, ...lines]) expect(text).not.toContain(canary);
    expect(lines.length).toBeGreaterThan(10);
    expect(JSON.stringify(mock.requests)).not.toContain(canary);
  });
});
