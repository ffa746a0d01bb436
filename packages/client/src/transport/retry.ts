import { parseRetryAfter, ReplyConnectionError, ReplyTimeoutError } from '../core/errors.js';
import { sleep } from '../core/sleep.js';
import type { CallContext, Send } from './attempt.js';

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
const idempotent = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/** Error codes of failures that happen before any byte of the request reached the server. */
const notSentCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Whether a response status may be retried for this method (the rules of the README). */
export function isRetryableStatus(method: string, status: number): boolean {
  if (status === 429) return true;
  return idempotent.has(method) && (status === 408 || status >= 500);
}

/** Whether a failed attempt may be retried: any connection failure for idempotent methods, else only unsent ones. */
export function isRetryableError(method: string, error: unknown): boolean {
  if (!(error instanceof ReplyConnectionError)) return false;
  if (idempotent.has(method)) return true;
  return !(error instanceof ReplyTimeoutError) && error.code !== undefined && notSentCodes.has(error.code);
}

/** Exponential backoff with "equal jitter": half fixed, half random, capped at `maxRetryDelayMs`. */
export function backoffDelay(retry: number, policy: RetryPolicy): number {
  const exponential = Math.min(policy.maxRetryDelayMs, policy.retryDelayMs * 2 ** retry);
  const random = policy.random ?? Math.random;
  return Math.round(exponential / 2 + (exponential / 2) * random());
}

/**
 * Retries an attempt after a retryable status or connection failure, up to `call.maxRetries` times. A body is
 * re-sent intact because every attempt but the last gets a clone of the request. `Retry-After` (seconds or
 * HTTP date) replaces the backoff when present; beyond `maxRetryAfterMs` the response is returned as is.
 */
export function retryLayer(policy: RetryPolicy, next: Send): Send {
  return async (request, call) => {
    const hasBody = request.body !== null;
    for (let attempt = 0; ; attempt++) {
      const context: CallContext = attempt === 0 ? call : { ...call, attempt };
      const canRetry = attempt < call.maxRetries;
      const sending = hasBody && canRetry ? request.clone() : request;
      let delay: number | undefined;
      let reason: string;
      try {
        const response = await next(sending, context);
        if (!canRetry || !isRetryableStatus(call.method, response.status)) return response;
        const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
        if (retryAfter !== undefined && retryAfter > policy.maxRetryAfterMs) return response;
        delay = retryAfter ?? backoffDelay(attempt, policy);
        reason = `${response.status}`;
        await response.body?.cancel().catch(() => undefined);
      } catch (error) {
        if (!canRetry || !isRetryableError(call.method, error)) throw error;
        delay = backoffDelay(attempt, policy);
        reason = (error as ReplyConnectionError).code ?? 'connection error';
      }
      call.logger?.warn?.(
        `reply: retrying ${call.method} ${call.path} after ${reason} in ${delay} ms (retry ${attempt + 1} of ${call.maxRetries})`,
        {
          method: call.method,
          path: call.path,
          reason,
          delayMs: delay,
          retry: attempt + 1,
          maxRetries: call.maxRetries,
        },
      );
      await sleep(delay, request.signal);
    }
  };
}
