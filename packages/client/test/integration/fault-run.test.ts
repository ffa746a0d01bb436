import { describe, expect, it } from 'vitest';
import { ReplyApiError, ReplyConnectionError, unwrap } from '../../src/index.js';
import { useMockServer } from './mock.js';

const calls = 500;
const concurrency = 25;

// 30% 429 (Retry-After 0-1 s), 10% 503, 5% connection resets; seeded, so a failure can be replayed.
const { mock, client } = await useMockServer({
  faults: { rate429: 0.3, rate5xx: 0.1, statuses5xx: [503], rateReset: 0.05, retryAfterSeconds: 0, seed: 20 },
});

type Outcome = { method: 'GET' | 'POST'; ok: boolean; error?: string };

describe('fault run', () => {
  it(`${calls} calls: every GET succeeds in the end, no POST runs twice`, { timeout: 60_000 }, async () => {
    // Low backoff caps keep the run short; many retries make a GET failing 21 times in a row (0.45^21) negligible.
    const reply = client({ maxRetries: 20, retryDelayMs: 2, maxRetryDelayMs: 20, maxRetryAfterMs: 1_000 });
    const asJane = reply.actAs({ email: 'jane@example.com' });
    const run = async (index: number): Promise<Outcome> => {
      const caller = index % 3 === 0 ? asJane : reply;
      // Every 10th 429 asks for a 1 s wait, the rest for none.
      const headers = index % 10 === 0 ? { 'X-Mock-Retry-After': '1' } : {};
      if (index % 4 === 3) {
        const key = `fault-run-${index}`;
        try {
          await unwrap(
            caller.POST('/v1/people', {
              body: { email: `contact${index}@example.com`, firstName: 'Fault' },
              headers: { ...headers, 'X-Mock-Request-Key': key },
            }),
          );
          return { method: 'POST', ok: true };
        } catch (error) {
          if (error instanceof ReplyConnectionError || error instanceof ReplyApiError) {
            return {
              method: 'POST',
              ok: false,
              error: error instanceof ReplyApiError ? String(error.status) : error.code,
            };
          }
          throw error;
        }
      }
      const path = index % 2 === 0 ? '/v1/people' : '/v2/schedules';
      const { response } = await caller.GET(path, { headers });
      return { method: 'GET', ok: response.ok };
    };

    const outcomes: Outcome[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < calls) outcomes.push(await run(next++));
      }),
    );

    const gets = outcomes.filter((outcome) => outcome.method === 'GET');
    const posts = outcomes.filter((outcome) => outcome.method === 'POST');
    expect(outcomes).toHaveLength(calls);
    expect(gets.filter((outcome) => !outcome.ok)).toEqual([]);
    expect(mock.executions({ method: 'POST', duplicatesOnly: true })).toEqual([]);

    // The run had teeth: faults happened, GETs and POSTs were retried, and failed POSTs were never executed.
    const faults = mock.requests.filter((request) => request.fault !== undefined);
    const postGroups = mock.executions({ method: 'POST' });
    expect(faults.filter((request) => request.fault === 429).length).toBeGreaterThan(100);
    expect(faults.filter((request) => request.fault === 503).length).toBeGreaterThan(30);
    expect(faults.filter((request) => request.fault === 'reset').length).toBeGreaterThan(10);
    expect(postGroups.some((group) => group.attempts > 1 && group.executions === 1)).toBe(true);
    expect(postGroups).toHaveLength(posts.length);
    expect(postGroups.filter((group) => group.executions === 1)).toHaveLength(
      posts.filter((outcome) => outcome.ok).length,
    );
    // A POST may fail only where a retry could run it twice: a 503 or a reset connection.
    for (const outcome of posts.filter(({ ok }) => !ok))
      expect(['503', 'ECONNRESET']).toContain(outcome.error);
    expect(reply.usage.calls).toBe(mock.requests.length);
  });
});
