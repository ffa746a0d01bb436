import { isNumber, mustBe } from '../core/check.js';
import { sleep } from '../core/sleep.js';
import type { CallLog } from '../middleware/logging.js';
import { type RequestStep, runSteps } from '../middleware/steps.js';
import type { FetchLike, ReplyCallOptions, ResolvedOptions } from '../options.js';
import { CALLER_SIGNAL, CallContext, OPERATION, pathOf } from './call.js';
import type { QuotaCounter } from './quota.js';
import { retryDelayAfterError, retryDelayAfterResponse } from './retry.js';
import { attemptError, type Send } from './timeout.js';

/** Filled by every client transport, read by `unwrap` (a response knows its URL but not its method). */
export const responseOrigins = new WeakMap<Response, CallContext>();

type MarkedRequest = Request & ReplyCallOptions & { [CALLER_SIGNAL]?: boolean; [OPERATION]?: string };

/** A per-call option (`timeoutMs`, `maxRetries`) when given and valid, else the client's. */
function perCall(
  request: MarkedRequest,
  name: keyof ReplyCallOptions,
  fallback: number,
  rule: string,
): number {
  const value = request[name];
  if (value === undefined) return fallback;
  if (!isNumber(value, rule)) mustBe(`${request.method} ${pathOf(request.url)}`, name, rule, value);
  return value;
}

export interface TransportParts {
  options: ResolvedOptions;
  counter: QuotaCounter;
  /** One attempt through `fetch` with a timeout (`timeout.ts`). */
  send: Send;
  /** The request middleware, in order: auth, impersonation, throttle. */
  steps: readonly RequestStep[];
  log: CallLog | undefined;
}

const ignore = () => undefined;

/**
 * The fetch function handed to openapi-fetch. It runs the request middleware once, then sends attempts: each is
 * counted against the quota and sent through the timeout layer; retryable outcomes (`retry.ts`) wait and go
 * again. A body is re-sent intact because every attempt but the last gets a clone. Attempts are a plain promise
 * chain (no async frame), since most calls end with the first.
 */
export function createTransport({ options, counter, send, steps, log }: TransportParts): FetchLike {
  // Scrubbing a very short "key" (tests, placeholders) would mangle every message; real keys are ~23 characters.
  const secrets = options.apiKey.length >= 8 ? [options.apiKey] : [];

  /** Waits `delay` ms after a retryable outcome (`reason`), then sends attempt `retry`. */
  const again = (call: CallContext, retry: number, delay: number, reason: string): Promise<Response> => {
    const { method, path } = call;
    call.logger?.warn?.(
      `reply: retrying ${method} ${path} after ${reason} in ${delay} ms (retry ${retry} of ${call.maxRetries})`,
      { method, path, reason, delayMs: delay, retry },
    );
    return sleep(delay, call.request.signal).then(() => attempt(call, retry));
  };

  const attempt = (call: CallContext, sent: number): Promise<Response> => {
    const { request } = call;
    counter.count();
    return send(sent < call.maxRetries && request.body !== null ? request.clone() : request, call).then(
      (response) => {
        const delay = retryDelayAfterResponse(call, sent, response, options);
        if (delay === undefined) {
          // Only `unwrap` of a failed call needs to know where a response came from.
          if (!response.ok) responseOrigins.set(response, call);
          log?.response(call, response);
          return response;
        }
        return Promise.resolve(response.body?.cancel())
          .catch(ignore)
          .then(() => again(call, sent + 1, delay, String(response.status)));
      },
      (failure: unknown) => {
        const error = attemptError(failure, call) as { code?: string };
        const delay = retryDelayAfterError(call, sent, error, options);
        if (delay === undefined) throw error;
        return again(call, sent + 1, delay, error.code ?? 'connection error');
      },
    );
  };

  const first = (call: CallContext): Promise<Response> => {
    log?.request(call);
    return attempt(call, 0);
  };

  return (input: Request) => {
    const request = input as MarkedRequest;
    let call: CallContext;
    let waiting: Promise<void> | undefined;
    try {
      call = new CallContext(
        request,
        perCall(request, 'timeoutMs', options.timeoutMs, 'positive number'),
        perCall(request, 'maxRetries', options.maxRetries, 'non-negative integer'),
        request[CALLER_SIGNAL] === true,
        request[OPERATION],
        options.logger,
        secrets,
      );
      waiting = runSteps(steps, request, call);
    } catch (error) {
      return Promise.reject(error);
    }
    const sent = waiting ? waiting.then(() => first(call)) : first(call);
    return log
      ? sent.catch((error: unknown) => {
          log.failure(call, error);
          throw error;
        })
      : sent;
  };
}
