import { describe, expect, it } from 'vitest';
import { sleep } from '../../src/core/sleep.js';

describe('sleep', () => {
  it('waits', async () => {
    const started = Date.now();
    await sleep(30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('rejects with the abort reason, at once when already aborted', async () => {
    await expect(sleep(10_000, AbortSignal.abort(new Error('stop')))).rejects.toThrow('stop');
    const controller = new AbortController();
    const waiting = sleep(10_000, controller.signal);
    controller.abort(new Error('later'));
    await expect(waiting).rejects.toThrow('later');
  });
});
