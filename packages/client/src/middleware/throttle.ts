import type { Middleware } from 'openapi-fetch';
import { sleep } from '../core/sleep.js';
import { THROTTLE_SECONDS } from '../generated/throttle.js';

/** When each throttled operation may be called next (epoch ms); shared by a client and its `actAs` clients. */
export type ThrottleState = Map<string, number>;

/**
 * Spaces calls to operations the spec marks with `x-reply-throttle-seconds`: a call waits until the
 * interval since the previous call of the same operation has passed. Slots are reserved in call order.
 */
export function throttleMiddleware(
  state: ThrottleState,
  table: Readonly<Record<string, number>> = THROTTLE_SECONDS,
  now: () => number = Date.now,
): Middleware {
  return {
    // Not async: calls to unthrottled operations (almost all) pay no promise.
    onRequest({ request, schemaPath }) {
      const operation = `${request.method} ${schemaPath}`;
      const seconds = table[operation];
      if (seconds === undefined) return undefined;
      const current = now();
      const slot = Math.max(current, state.get(operation) ?? 0);
      state.set(operation, slot + seconds * 1000);
      return sleep(slot - current, request.signal).then(() => undefined);
    },
  };
}
