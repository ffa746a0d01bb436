import { sleep } from '../core/sleep.js';
import { THROTTLE_SECONDS } from '../generated/throttle.js';
import type { RequestStep } from './steps.js';

/** When each throttled operation may be called next (epoch ms); shared by a client and its `actAs` clients. */
export type ThrottleState = Map<string, number>;

/**
 * Spaces calls to operations the spec marks with `x-reply-throttle-seconds`: a call waits until the interval
 * since the previous call of the same operation (`METHOD /path`) has passed. Slots are reserved in call order.
 */
export function throttleStep(
  state: ThrottleState,
  table: Readonly<Record<string, number>> = THROTTLE_SECONDS,
  now: () => number = Date.now,
): RequestStep {
  return (request, call) => {
    const seconds = call.operation === undefined ? undefined : table[call.operation];
    if (call.operation === undefined || seconds === undefined) return undefined;
    const current = now();
    const slot = Math.max(current, state.get(call.operation) ?? 0);
    state.set(call.operation, slot + seconds * 1000);
    return sleep(slot - current, request.signal);
  };
}
