import type { CallContext } from '../transport/call.js';

/**
 * A request middleware of this client: edits the request in place before it is sent (once per call, before the
 * first attempt). It may throw (nothing is sent) or return a promise to delay the call (throttling).
 */
export type RequestStep = (request: Request, call: CallContext) => Promise<void> | undefined;

/** Runs steps in order; stays synchronous until a step returns a promise, which delays the steps after it. */
export function runSteps(
  steps: readonly RequestStep[],
  request: Request,
  call: CallContext,
  from = 0,
): Promise<void> | undefined {
  for (let index = from; index < steps.length; index++) {
    const waiting = steps[index]?.(request, call);
    if (waiting) return waiting.then(() => runSteps(steps, request, call, index + 1));
  }
  return undefined;
}
