import { describe, expect, it } from 'vitest';
import { createReplyClient } from '../../src/client.js';
import { ReplyConnectionError, ReplyTimeoutError } from '../../src/core/errors.js';
import { backoffDelay, isRetryableError, isRetryableStatus } from '../../src/transport/retry.js';
import { fastRetries, json, networkError, observedFetch } from '../helpers.js';

const apiKey = 'test-key';

describe('isRetryableStatus', () => {
  it.each([
    ['GET 429', { given: ['GET', 429], want: true }],
    ['GET 408', { given: ['GET', 408], want: true }],
    ['GET 500', { given: ['GET', 500], want: true }],
    ['GET 503', { given: ['GET', 503], want: true }],
    ['HEAD 502', { given: ['HEAD', 502], want: true }],
    ['PUT 504', { given: ['PUT', 504], want: true }],
    ['DELETE 500', { given: ['DELETE', 500], want: true }],
    ['GET 404', { given: ['GET', 404], want: false }],
    ['GET 400', { given: ['GET', 400], want: false }],
    ['POST 429', { given: ['POST', 429], want: true }],
    ['PATCH 429', { given: ['PATCH', 429], want: true }],
    ['POST 503', { given: ['POST', 503], want: false }],
    ['POST 408', { given: ['POST', 408], want: false }],
    ['PATCH 500', { given: ['PATCH', 500], want: false }],
  ] as const)('%s', (_name, { given, want }) => {
    expect(isRetryableStatus(given[0], given[1])).toBe(want);
  });
});

describe('isRetryableError', () => {
  const refused = new ReplyConnectionError('x', { method: 'POST', path: '/', code: 'ECONNREFUSED' });
  const reset = new ReplyConnectionError('x', { method: 'POST', path: '/', code: 'ECONNRESET' });
  const unknown = new ReplyConnectionError('x', { method: 'POST', path: '/' });
  const timeout = new ReplyTimeoutError('x', { method: 'POST', path: '/', timeoutMs: 1 });
  it.each([
    ['GET after a reset', { given: ['GET', reset], want: true }],
    ['GET after a timeout', { given: ['GET', timeout], want: true }],
    ['DELETE after an unknown failure', { given: ['DELETE', unknown], want: true }],
    ['POST when the connection was refused (not sent)', { given: ['POST', refused], want: true }],
    [
      'PATCH when DNS failed (not sent)',
      {
        given: ['PATCH', new ReplyConnectionError('x', { method: 'PATCH', path: '/', code: 'ENOTFOUND' })],
        want: true,
      },
    ],
    ['POST after a reset (maybe executed)', { given: ['POST', reset], want: false }],
    ['POST after an unknown failure', { given: ['POST', unknown], want: false }],
    ['POST after a timeout', { given: ['POST', timeout], want: false }],
    ['GET after a non-connection error', { given: ['GET', new Error('boom')], want: false }],
  ] as const)('%s', (_name, { given, want }) => {
    expect(isRetryableError(given[0], given[1])).toBe(want);
  });
});

describe('backoffDelay', () => {
  const policy = { retryDelayMs: 100, maxRetryDelayMs: 1_000, maxRetryAfterMs: 0 };
  it.each([
    ['first retry, no jitter', { given: { retry: 0, random: 0 }, want: 50 }],
    ['first retry, full jitter', { given: { retry: 0, random: 0.999999 }, want: 100 }],
    ['third retry doubles twice', { given: { retry: 2, random: 0 }, want: 200 }],
    ['capped', { given: { retry: 10, random: 0.999999 }, want: 1_000 }],
  ])('%s', (_name, { given, want }) => {
    expect(backoffDelay(given.retry, { ...policy, random: () => given.random })).toBe(want);
  });
});

type Outcome = number | 'refused' | 'reset';

function scripted(outcomes: Outcome[], headers: Record<string, string> = {}) {
  return observedFetch((_request, index) => {
    const outcome = outcomes[Math.min(index, outcomes.length - 1)];
    if (outcome === 'refused') throw networkError('ECONNREFUSED');
    if (outcome === 'reset') throw networkError('ECONNRESET');
    return json({ attempt: index }, outcome, outcome === 429 ? headers : {});
  });
}

describe('retries through the client', () => {
  it.each([
    [
      'GET retries 503 then succeeds',
      { method: 'GET', outcomes: [503, 200], want: { status: 200, attempts: 2 } },
    ],
    [
      'GET retries 429, 500, then succeeds',
      { method: 'GET', outcomes: [429, 500, 200], want: { status: 200, attempts: 3 } },
    ],
    [
      'GET gives up after maxRetries (2)',
      { method: 'GET', outcomes: [500, 500, 500, 200], want: { status: 500, attempts: 3 } },
    ],
    [
      'GET retries a reset connection',
      { method: 'GET', outcomes: ['reset', 200], want: { status: 200, attempts: 2 } },
    ],
    ['GET does not retry 404', { method: 'GET', outcomes: [404, 200], want: { status: 404, attempts: 1 } }],
    ['POST retries 429', { method: 'POST', outcomes: [429, 201], want: { status: 201, attempts: 2 } }],
    ['POST does not retry 503', { method: 'POST', outcomes: [503, 201], want: { status: 503, attempts: 1 } }],
    [
      'POST retries a refused connection (never sent)',
      { method: 'POST', outcomes: ['refused', 201], want: { status: 201, attempts: 2 } },
    ],
  ] as const)('%s', async (_name, { method, outcomes, want }) => {
    const { fetch, seen } = scripted([...outcomes]);
    const reply = createReplyClient({ apiKey, fetch, ...fastRetries });
    const { response } =
      method === 'GET'
        ? await reply.GET('/v1/people')
        : await reply.POST('/v1/people', { body: { email: 'a@example.com', firstName: 'A' } });
    expect({ status: response.status, attempts: seen.length }).toEqual(want);
  });

  it('does not retry a POST after a reset connection: it may have been executed', async () => {
    const { fetch, seen } = scripted(['reset', 201]);
    const reply = createReplyClient({ apiKey, fetch, ...fastRetries });
    await expect(
      reply.POST('/v1/people', { body: { email: 'a@example.com', firstName: 'A' } }),
    ).rejects.toThrow(ReplyConnectionError);
    expect(seen).toHaveLength(1);
  });

  it('re-sends the body intact on every attempt', async () => {
    const { fetch, seen } = scripted([429, 429, 201]);
    const reply = createReplyClient({ apiKey, fetch, ...fastRetries });
    const body = { email: 'a@example.com', firstName: 'Ä'.repeat(10_000), lastName: 'ünïcode' };
    await reply.POST('/v1/people', { body });
    expect(seen.map((request) => request.body)).toEqual([1, 2, 3].map(() => JSON.stringify(body)));
    expect(seen.every((request) => request.headers['x-api-key'] === apiKey)).toBe(true);
  });

  it('honours maxRetries per client and per call', async () => {
    const perClient = scripted([500]);
    await createReplyClient({ apiKey, fetch: perClient.fetch, ...fastRetries, maxRetries: 0 }).GET(
      '/v1/people',
    );
    expect(perClient.seen).toHaveLength(1);
    const perCall = scripted([500]);
    await createReplyClient({ apiKey, fetch: perCall.fetch, ...fastRetries }).GET('/v1/people', {
      maxRetries: 5,
    });
    expect(perCall.seen).toHaveLength(6);
  });

  it.each([
    ['Retry-After in seconds', { given: '1', wantAtLeastMs: 950 }],
    ['Retry-After as an HTTP date', { given: 'date+2', wantAtLeastMs: 950 }],
    ['Retry-After 0', { given: '0', wantAtLeastMs: 0 }],
  ])('waits for %s', async (_name, { given, wantAtLeastMs }) => {
    // HTTP dates have a resolution of one second: "now + 2 s" rounds down to at least 1 s from now.
    const value = given === 'date+2' ? new Date(Date.now() + 2_000).toUTCString() : given;
    const { fetch, seen } = scripted([429, 200], { 'retry-after': value });
    const reply = createReplyClient({
      apiKey,
      fetch,
      retryDelayMs: 0,
      maxRetryDelayMs: 0,
      maxRetryAfterMs: 5_000,
    });
    const started = Date.now();
    const { response } = await reply.GET('/v1/people');
    expect(response.status).toBe(200);
    expect(seen).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(wantAtLeastMs);
  });

  it('returns the 429 at once when Retry-After is beyond maxRetryAfterMs', async () => {
    const { fetch, seen } = scripted([429, 200], { 'retry-after': '3600' });
    const reply = createReplyClient({ apiKey, fetch, ...fastRetries, maxRetryAfterMs: 1_000 });
    const { response } = await reply.GET('/v1/people');
    expect(response.status).toBe(429);
    expect(seen).toHaveLength(1);
  });

  it('counts every attempt in usage', async () => {
    const { fetch } = scripted([503, 503, 200]);
    const reply = createReplyClient({ apiKey, fetch, ...fastRetries });
    await reply.GET('/v1/people');
    expect(reply.usage).toEqual({ calls: 3, monthlyQuota: 15_000, remaining: 14_997 });
  });

  it('stops waiting for a retry when the caller aborts', async () => {
    const { fetch, seen } = scripted([503, 200]);
    const reply = createReplyClient({ apiKey, fetch, retryDelayMs: 10_000, maxRetryDelayMs: 10_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('caller gave up')), 50);
    await expect(reply.GET('/v1/people', { signal: controller.signal })).rejects.toThrow('caller gave up');
    expect(seen).toHaveLength(1);
  });
});
