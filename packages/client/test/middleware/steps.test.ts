import { describe, expect, it } from 'vitest';
import { type RequestStep, runSteps } from '../../src/middleware/steps.js';
import { CallContext } from '../../src/transport/call.js';

const request = new Request('https://api.reply.io/v1/people');
const call = new CallContext(request, 1_000, 0, false, undefined, undefined, []);

function recorder(log: string[], name: string, wait?: number): RequestStep {
  return () => {
    if (wait === undefined) {
      log.push(name);
      return undefined;
    }
    return new Promise<void>((resolve) =>
      setTimeout(() => {
        log.push(name);
        resolve();
      }, wait),
    );
  };
}

describe('runSteps', () => {
  it.each([
    [
      'all synchronous: runs in order and returns nothing',
      { given: [undefined, undefined, undefined], want: { sync: true } },
    ],
    [
      'a waiting step in the middle delays the ones after it',
      { given: [undefined, 20, undefined], want: { sync: false } },
    ],
    ['a waiting step at the end', { given: [undefined, undefined, 5], want: { sync: false } }],
  ])('%s', async (_name, { given, want }) => {
    const log: string[] = [];
    const result = runSteps(
      given.map((wait, index) => recorder(log, `m${index}`, wait)),
      request,
      call,
    );
    expect(result === undefined).toBe(want.sync);
    await result;
    expect(log).toEqual(['m0', 'm1', 'm2']);
  });
});
