import type { Middleware, MiddlewareCallbackParams } from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import { composeOnRequest } from '../../src/middleware/compose.js';

const params = {
  request: new Request('https://api.reply.io/v1/people'),
  schemaPath: '/v1/people',
} as MiddlewareCallbackParams;

function recorder(log: string[], name: string, wait?: number): Middleware {
  return {
    onRequest: () => {
      if (wait === undefined) {
        log.push(name);
        return undefined;
      }
      return new Promise<undefined>((resolve) =>
        setTimeout(() => {
          log.push(name);
          resolve(undefined);
        }, wait),
      );
    },
  };
}

describe('composeOnRequest', () => {
  it.each([
    [
      'all synchronous: runs in order and returns nothing',
      { given: [undefined, undefined, undefined], want: { sync: true } },
    ],
    [
      'a waiting hook in the middle delays the ones after it',
      { given: [undefined, 20, undefined], want: { sync: false } },
    ],
    ['a waiting hook at the end', { given: [undefined, undefined, 5], want: { sync: false } }],
  ])('%s', async (_name, { given, want }) => {
    const log: string[] = [];
    const composed = composeOnRequest(given.map((wait, index) => recorder(log, `m${index}`, wait)));
    const result = (composed.onRequest as (p: MiddlewareCallbackParams) => unknown)(params);
    expect(result === undefined).toBe(want.sync);
    await result;
    expect(log).toEqual(['m0', 'm1', 'm2']);
  });
});
