import type { ScriptedFault } from '@replykit/mock-server';

/**
 * What the smoke script and the harness that runs it agree on: the canary key, the impersonated user, the
 * faults the harness scripts on the mock server and the delay the timeout step waits against.
 * Plain data only: the smoke bundle imports it too, on every runtime.
 */

/** A key that must never appear in an error's text; unique enough to grep for. */
export const CANARY_API_KEY = 'rk-canary-3f9d2c7a-runtime-smoke';

/** The user the `actAs` step impersonates. */
export const IMPERSONATED_EMAIL = 'jane@example.com';

/** The retry step's operation: the harness makes its first request fail with a 503 (`Retry-After: 0`). */
export const RETRY_OPERATION = { operationId: 'listSchedules', path: '/v2/schedules' } as const;

/** The timeout step: the mock delays the answer by `delayMs`; the call gives up after `timeoutMs`. */
export const TIMEOUT_STEP = { delayMs: 4_000, timeoutMs: 300, path: '/v1/people/lists' } as const;

/** The `actAs` step's operation. */
export const IMPERSONATION_PATH = '/v1/custom-fields/all';

/** Faults the harness gives `MockServer.scriptFaults` before the smoke script runs. */
export const SCRIPTED_FAULTS: ScriptedFault[] = [
  { fault: 503, times: 1, operationId: RETRY_OPERATION.operationId, retryAfterSeconds: 0 },
];
