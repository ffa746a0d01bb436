import { parseRetryAfter, ReplyConnectionError, ReplyTimeoutError } from '../core/errors.js';
import type { CallContext } from './call.js';

export interface RetryPolicy {
  /** First backoff delay in ms, doubled per retry. */
  retryDelayMs: number;
  /** Cap of one backoff delay in ms. */
  maxRetryDelayMs: number;
  /** Longest Retry-After honoured, in ms; a longer one ends the retries. */
  maxRetryAfterMs: number;
  /** Source of randomness for the jitter, in [0, 1). */
  random?: () => number;
}

/** Methods that are safe to repeat whatever happened to the first attempt. */
const idempotent = /^(GET|HEAD|PUT|DELETE|OPTIONS)$/;

/** Error codes of failures that happen before any byte of the request reached the server. */
const notSent =
  /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ENETDOWN|UND_ERR_CONNECT_TIMEOUT)$/;

/** Whether a response status may be retried for this method (the rules of the README). */
export function isRetryableStatus(method: string, status: number): boolean {
  return status === 429 || ((status === 408 || status >= 500) && idempotent.test(method));
}

/** Whether a failed attempt may be retried: any connection failure for idempotent methods, else only unsent ones. */
export function isRetryableError(method: string, error: unknown): boolean {
  return (
    error instanceof ReplyConnectionError &&
    (idempotent.test(method) || (!(error instanceof ReplyTimeoutError) && notSent.test(error.code ?? '')))
  );
}

/** Exponential backoff with "equal jitter": half fixed, half random, capped at `maxRetryDelayMs`. */
export function backoffDelay(retry: number, policy: RetryPolicy): number {
  const half = Math.min(policy.maxRetryDelayMs, policy.retryDelayMs * 2 ** retry) / 2;
  return Math.round(half + half * (policy.random ?? Math.random)());
}

/**
 * Milliseconds to wait before retrying after this response, or `undefined` to return it: not retryable, no
 * retries left, or a `Retry-After` (seconds or HTTP date, which replaces the backoff) beyond `maxRetryAfterMs`.
 */
export function retryDelayAfterResponse(
  call: CallContext,
  attempt: number,
  response: Response,
  policy: RetryPolicy,
): number | undefined {
  if (attempt >= call.maxRetries || !isRetryableStatus(call.method, response.status)) return undefined;
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  if (retryAfter === undefined) return backoffDelay(attempt, policy);
  return retryAfter > policy.maxRetryAfterMs ? undefined : retryAfter;
}

/** Milliseconds to wait before retrying after this failure, or `undefined` to throw it. */
export function retryDelayAfterError(
  call: CallContext,
  attempt: number,
  error: unknown,
  policy: RetryPolicy,
): number | undefined {
  return attempt < call.maxRetries && isRetryableError(call.method, error)
    ? backoffDelay(attempt, policy)
    : undefined;
}
