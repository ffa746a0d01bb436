import { ReplyConfigError } from '../core/errors.js';
import { sleep } from '../core/sleep.js';
import type { CallLog } from '../middleware/logging.js';
import { type RequestStep, runSteps } from '../middleware/steps.js';
import type { FetchLike, ReplyCallOptions, ResolvedOptions } from '../options.js';
import { CALLER_SIGNAL, CallContext, OPERATION, pathOf } from './call.js';
import type { QuotaCounter } from './quota.js';
import { retryDelayAfterError, retryDelayAfterResponse } from './retry.js';
import type { Send } from './timeout.js';

/** Filled by every client transport, read by `unwrap` (a response knows its URL but not its method). */
export const responseOrigins = new WeakMap<Response, CallContext>();

type MarkedRequest = Request & ReplyCallOptions & { [CALLER_SIGNAL]?: boolean; [OPERATION]?: string };

function perCall(
  request: MarkedRequest,
  name: keyof ReplyCallOptions,
  fallback: number,
  integer: boolean,
): number {
  const value = request[name];
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

export interface TransportParts {
  options: ResolvedOptions;
  counter: QuotaCounter;
  /** One attempt through `fetch` with a timeout (`timeout.ts`). */
  send: Send;
  /** The request middleware, in order: auth, impersonation, throttle. */
  steps: readonly RequestStep[];
  log: CallLog | undefined;
}

/**
 * The fetch function handed to openapi-fetch. It runs the request middleware once, then sends attempts: each is
 * counted against the quota and sent through the timeout layer; retryable outcomes (`retry.ts`) wait and go
 * again. A body is re-sent intact because every attempt but the last gets a clone. The first attempt is a plain
 * promise chain, since most calls end there.
 */
export function createTransport({ options, counter, send, steps, log }: TransportParts): FetchLike {
  // Scrubbing a very short "key" (tests, placeholders) would mangle every message; real keys are ~23 characters.
  const secrets = options.apiKey.length >= 8 ? [options.apiKey] : [];

  const finish = (call: CallContext, response: Response): Response => {
    responseOrigins.set(response, call);
    log?.response(call, response);
    return response;
  };
  const fail = (call: CallContext, error: unknown): never => {
    log?.failure(call, error);
    throw error;
  };

  /** Attempts after the first: wait, then send again until an outcome is final. */
  const retry = async (call: CallContext, failed: number, firstDelay: number, firstReason: string) => {
    const { request } = call;
    const hasBody = request.body !== null;
    let delay = firstDelay;
    let reason = firstReason;
    for (let attempt = failed + 1; ; attempt++) {
      call.logger?.warn?.(
        `reply: retrying ${call.method} ${call.path} after ${reason} in ${delay} ms (retry ${attempt} of ${call.maxRetries})`,
        { method: call.method, path: call.path, reason, delayMs: delay, retry: attempt },
      );
      await sleep(delay, request.signal);
      const sending = hasBody && attempt < call.maxRetries ? request.clone() : request;
      counter.count();
      let next: number | undefined;
      try {
        const response = await send(sending, call);
        next = retryDelayAfterResponse(call, attempt, response, options);
        if (next === undefined) return finish(call, response);
        reason = String(response.status);
        await response.body?.cancel().catch(() => undefined);
      } catch (error) {
        next = retryDelayAfterError(call, attempt, error, options);
        if (next === undefined) throw error;
        reason = (error as { code?: string }).code ?? 'connection error';
      }
      delay = next;
    }
  };

  const first = (call: CallContext): Promise<Response> => {
    const { request } = call;
    log?.request(call);
    const sending = call.maxRetries > 0 && request.body !== null ? request.clone() : request;
    counter.count();
    return send(sending, call).then(
      (response) => {
        const delay = retryDelayAfterResponse(call, 0, response, options);
        if (delay === undefined) return finish(call, response);
        return Promise.resolve(response.body?.cancel())
          .catch(() => undefined)
          .then(() => retry(call, 0, delay, String(response.status)));
      },
      (error: unknown) => {
        const delay = retryDelayAfterError(call, 0, error, options);
        if (delay === undefined) throw error;
        return retry(call, 0, delay, (error as { code?: string }).code ?? 'connection error');
      },
    );
  };

  return (input: Request) => {
    const request = input as MarkedRequest;
    let call: CallContext;
    let waiting: Promise<void> | undefined;
    try {
      call = new CallContext(
        request,
        perCall(request, 'timeoutMs', options.timeoutMs, false),
        perCall(request, 'maxRetries', options.maxRetries, true),
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
    return log ? sent.catch((error: unknown) => fail(call, error)) : sent;
  };
}
