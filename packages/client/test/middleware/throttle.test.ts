import type { MiddlewareCallbackParams } from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import { throttleMiddleware } from '../../src/middleware/throttle.js';

const table = { 'GET /v1/campaigns': 0.1 };

function call(
  middleware: ReturnType<typeof throttleMiddleware>,
  method: string,
  schemaPath: string,
  signal?: AbortSignal,
) {
  const request = new Request(`https://api.reply.io${schemaPath}`, { method, signal });
  const onRequest = middleware.onRequest as (params: MiddlewareCallbackParams) => Promise<unknown>;
  return onRequest({ request, schemaPath, params: {}, id: '1', options: {} as never });
}

describe('throttleMiddleware', () => {
  it('spaces calls of a throttled operation by its interval, in call order', async () => {
    const middleware = throttleMiddleware(new Map(), table);
    const started = Date.now();
    const finished: number[] = [];
    await Promise.all(
      [0, 1, 2].map(() =>
        call(middleware, 'GET', '/v1/campaigns').then(() => finished.push(Date.now() - started)),
      ),
    );
    // Slots are reserved at call time: the second call may start 100 ms after the first, the third 200 ms.
    const [, second = 0, third = 0] = finished;
    expect(second).toBeGreaterThanOrEqual(95);
    expect(third).toBeGreaterThanOrEqual(195);
  });

  it('does not delay other operations or methods', { timeout: 5_000 }, async () => {
    const state = new Map();
    // A minute-long interval: any wait for the other calls would time the test out.
    const middleware = throttleMiddleware(state, { 'GET /v1/campaigns': 60 });
    await call(middleware, 'GET', '/v1/campaigns');
    await call(middleware, 'GET', '/v1/people');
    await call(middleware, 'POST', '/v1/campaigns');
    expect([...state.keys()]).toEqual(['GET /v1/campaigns']);
  });

  it('stops waiting when the request is aborted', async () => {
    const middleware = throttleMiddleware(new Map(), { 'GET /v1/campaigns': 60 });
    await call(middleware, 'GET', '/v1/campaigns');
    await expect(call(middleware, 'GET', '/v1/campaigns', AbortSignal.timeout(20))).rejects.toThrow(
      /timeout|aborted/i,
    );
  });
});
