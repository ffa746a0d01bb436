import { ReplyConfigError } from '../core/errors.js';
import { sleep } from '../core/sleep.js';
import type { FetchLike, ReplyCallOptions, ResolvedOptions } from '../options.js';
import { CallContext, pathOf } from './call.js';
import type { QuotaCounter } from './quota.js';
import { retryDelayAfterError, retryDelayAfterResponse } from './retry.js';
import { timeoutLayer } from './timeout.js';

/**
 * Set on the init of calls that pass a `signal` (by the client's methods); openapi-fetch copies unknown init
 * keys onto the Request, so the transport knows the request's signal can abort.
 */
export const CALLER_SIGNAL = 'replykitCallerSignal';

/** Filled by every client transport, read by `unwrap` (a response knows its URL but not its method). */
export const responseOrigins = new WeakMap<Response, CallContext>();

function perCall(request: Request, name: keyof ReplyCallOptions, fallback: number, integer: boolean): number {
  // openapi-fetch copies unknown init keys onto the Request, which is how per-call options arrive here.
  const value = (request as Request & ReplyCallOptions)[name];
  if (value === undefined) return fallback;
  const ok =
    typeof value === 'number' &&
    (integer ? Number.isInteger(value) && value >= 0 : value > 0 && Number.isFinite(value));
  if (!ok) {
    throw new ReplyConfigError(
      `${request.method} ${pathOf(request.url)}: ${name} must be a ${integer ? 'non-negative integer' : 'positive number'} (got ${String(value)})`,
    );
  }
  return value;
}

/**
 * The fetch function handed to openapi-fetch. Each attempt is counted against the quota and sent through the
 * timeout layer; retryable outcomes (see `retry.ts`) wait and go again. A body is re-sent intact because every
 * attempt but the last gets a clone of the request. Per-call `timeoutMs` / `maxRetries` override the client's.
 */
export function createTransport(options: ResolvedOptions, counter: QuotaCounter): FetchLike {
  const send = timeoutLayer(options.fetch);
  // Scrubbing a very short "key" (tests, placeholders) would mangle every message; real keys are ~23 characters.
  const secrets = options.apiKey.length >= 8 ? [options.apiKey] : [];
  return async (request: Request) => {
    const call = new CallContext(
      request,
      perCall(request, 'timeoutMs', options.timeoutMs, false),
      perCall(request, 'maxRetries', options.maxRetries, true),
      (request as Request & { [CALLER_SIGNAL]?: boolean })[CALLER_SIGNAL] === true,
      options.logger,
      secrets,
    );
    const hasBody = request.body !== null;
    for (let attempt = 0; ; attempt++) {
      const sending = hasBody && attempt < call.maxRetries ? request.clone() : request;
      counter.count();
      let delay: number | undefined;
      let reason: string;
      try {
        const response = await send(sending, call);
        delay = retryDelayAfterResponse(call, attempt, response, options);
        if (delay === undefined) {
          responseOrigins.set(response, call);
          return response;
        }
        reason = String(response.status);
        await response.body?.cancel().catch(() => undefined);
      } catch (error) {
        delay = retryDelayAfterError(call, attempt, error, options);
        if (delay === undefined) throw error;
        reason = (error as { code?: string }).code ?? 'connection error';
      }
      call.logger?.warn?.(
        `reply: retrying ${call.method} ${call.path} after ${reason} in ${delay} ms (retry ${attempt + 1} of ${call.maxRetries})`,
        { method: call.method, path: call.path, reason, delayMs: delay, retry: attempt + 1 },
      );
      await sleep(delay, request.signal);
    }
  };
}
