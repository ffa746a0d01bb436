import { describe, expect, it } from 'vitest';
import { throttleStep } from '../../src/middleware/throttle.js';
import { CallContext } from '../../src/transport/call.js';

const table = { 'GET /v1/campaigns': 0.1 };

function call(step: ReturnType<typeof throttleStep>, operation: string | undefined, signal?: AbortSignal) {
  const request = new Request('https://api.reply.io/v1/campaigns', { signal });
  return step(request, new CallContext(request, 1_000, 0, false, operation, undefined, []));
}

describe('throttleStep', () => {
  it('spaces calls of a throttled operation by its interval, in call order', async () => {
    const step = throttleStep(new Map(), table);
    const started = Date.now();
    const finished: number[] = [];
    await Promise.all(
      [0, 1, 2].map(() =>
        Promise.resolve(call(step, 'GET /v1/campaigns')).then(() => finished.push(Date.now() - started)),
      ),
    );
    // Slots are reserved at call time: the second call may start 100 ms after the first, the third 200 ms.
    const [, second = 0, third = 0] = finished;
    expect(second).toBeGreaterThanOrEqual(95);
    expect(third).toBeGreaterThanOrEqual(195);
  });

  it('does not delay calls of other operations, and returns nothing for them', () => {
    const state = new Map();
    const step = throttleStep(state, { 'GET /v1/campaigns': 60 });
    expect(call(step, 'GET /v1/campaigns')).toBeInstanceOf(Promise);
    expect(call(step, undefined)).toBeUndefined();
    expect(call(step, 'POST /v1/campaigns')).toBeUndefined();
    expect([...state.keys()]).toEqual(['GET /v1/campaigns']);
  });

  it('stops waiting when the request is aborted', async () => {
    const step = throttleStep(new Map(), { 'GET /v1/campaigns': 60 });
    await call(step, 'GET /v1/campaigns');
    await expect(call(step, 'GET /v1/campaigns', AbortSignal.timeout(20))).rejects.toThrow(
      /timeout|aborted/i,
    );
  });
});
