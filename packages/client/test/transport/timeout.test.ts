import { describe, expect, it } from 'vitest';
import { createReplyClient } from '../../src/client.js';
import { ReplyConfigError, ReplyConnectionError, ReplyTimeoutError } from '../../src/core/errors.js';
import { DeadlineSignals, errorCode } from '../../src/transport/timeout.js';
import { hang, json, networkError, observedFetch } from '../helpers.js';

describe('timeouts and aborts', () => {
  it('throws ReplyTimeoutError after timeoutMs, per attempt, retrying idempotent calls', async () => {
    const { fetch, seen } = observedFetch(() => hang());
    const reply = createReplyClient({ apiKey: 'k', fetch, timeoutMs: 30, maxRetries: 1, retryDelayMs: 1 });
    const error = await reply.GET('/v1/people').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ReplyTimeoutError);
    expect(error).toMatchObject({
      message: 'GET /v1/people timed out after 30 ms',
      timeoutMs: 30,
      method: 'GET',
      path: '/v1/people',
    });
    expect(seen).toHaveLength(2);
  });

  it('does not retry a POST that timed out', async () => {
    const { fetch, seen } = observedFetch(() => hang());
    const reply = createReplyClient({ apiKey: 'k', fetch, timeoutMs: 30, retryDelayMs: 1 });
    await expect(
      reply.POST('/v1/people', { body: { email: 'a@example.com', firstName: 'A' } }),
    ).rejects.toThrow(ReplyTimeoutError);
    expect(seen).toHaveLength(1);
  });

  it('takes a per-call timeoutMs over the client one', async () => {
    const { fetch } = observedFetch(() => hang());
    const reply = createReplyClient({ apiKey: 'k', fetch, timeoutMs: 60_000, maxRetries: 0 });
    await expect(reply.GET('/v1/people', { timeoutMs: 20 })).rejects.toThrow(
      'GET /v1/people timed out after 20 ms',
    );
  });

  it('rejects an invalid per-call option before sending', async () => {
    const { fetch, seen } = observedFetch(() => json({}));
    const reply = createReplyClient({ apiKey: 'k', fetch });
    await expect(reply.GET('/v1/people', { timeoutMs: -5 })).rejects.toThrow(
      new ReplyConfigError('GET /v1/people: timeoutMs must be a positive number (got -5)'),
    );
    expect(seen).toHaveLength(0);
  });

  it('re-throws the caller abort reason as is, without retrying', async () => {
    const { fetch, seen } = observedFetch(() => hang());
    const reply = createReplyClient({ apiKey: 'k', fetch });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user cancelled')), 20);
    await expect(reply.GET('/v1/people', { signal: controller.signal })).rejects.toThrow('user cancelled');
    expect(seen).toHaveLength(1);
    await expect(reply.GET('/v1/people', { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(seen).toHaveLength(1);
  });

  it('wraps network failures in ReplyConnectionError with the cause and its code', async () => {
    const failure = networkError('ECONNRESET');
    const { fetch } = observedFetch(() => {
      throw failure;
    });
    const reply = createReplyClient({ apiKey: 'k', fetch, maxRetries: 0 });
    const error = await reply.GET('/v1/people').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ReplyConnectionError);
    const connection = error as ReplyConnectionError;
    expect([connection.message, connection.code, connection.cause]).toEqual([
      'GET /v1/people failed: no response (ECONNRESET, fetch failed)',
      'ECONNRESET',
      failure,
    ]);
  });
});

describe('errorCode', () => {
  it.each([
    ['a coded cause', { given: networkError('ECONNREFUSED'), want: 'ECONNREFUSED' }],
    ['no code', { given: new Error('x'), want: undefined }],
    ['not an error', { given: 'x', want: undefined }],
  ])('%s', (_name, { given, want }) => {
    expect(errorCode(given)).toBe(want);
  });
});

describe('DeadlineSignals', () => {
  it('shares one signal per 5% bucket and aborts it with a TimeoutError no earlier than the timeout', async () => {
    const deadlines = new DeadlineSignals();
    // Buckets are 10 ms wide for a 200 ms timeout: `now` and `now + 3` round up to the same deadline.
    const now = Math.floor(Date.now() / 10) * 10 + 1;
    const first = deadlines.signal(200, now);
    expect(deadlines.signal(200, now + 3)).toBe(first);
    expect(deadlines.signal(200, now + 50)).not.toBe(first);
    expect(deadlines.signal(1_000, now)).not.toBe(first);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(first.aborted).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(first.aborted).toBe(true);
    expect(first.reason).toMatchObject({ name: 'TimeoutError' });
  });
});
