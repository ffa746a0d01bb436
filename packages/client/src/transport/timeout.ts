import { ReplyConnectionError, ReplyTimeoutError } from '../core/errors.js';
import { scrubSecrets } from '../core/redact.js';
import type { FetchLike } from '../options.js';
import type { CallContext } from './call.js';

/** Sends one attempt of a call. */
export type Send = (request: Request, call: CallContext) => Promise<Response>;

/** The first `code` (or undici `errno` name) found along an error's `cause` chain. */
export function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function connectionError(error: unknown, call: CallContext): ReplyConnectionError {
  const { method, path, secrets } = call;
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  // A cause that somehow carries a secret (a custom fetch's message) is replaced by a scrubbed copy.
  const text = `${message}\n${(error as { stack?: unknown } | null)?.stack ?? ''}`;
  const cause = secrets.some((secret) => text.includes(secret))
    ? Object.assign(new Error(scrubSecrets(message, secrets)), { code })
    : error;
  const reason = scrubSecrets((error instanceof Error && message) || 'network error', secrets);
  return new ReplyConnectionError(
    `${method} ${path} failed: no response (${code ? `${code}, ` : ''}${reason})`,
    {
      method,
      path,
      code,
      cause,
    },
  );
}

/**
 * Timeout signals without a timer and an AbortController per call: deadlines are rounded up to buckets (5% of
 * the timeout, at least 10 ms) and every attempt of a bucket shares one controller and one unref'd timer.
 */
export class DeadlineSignals {
  readonly #buckets = new Map<number, AbortController>();

  /** A signal that aborts between `timeoutMs` and `timeoutMs` + 5% from `now`. */
  signal(timeoutMs: number, now = Date.now()): AbortSignal {
    const width = Math.max(10, Math.ceil(timeoutMs / 20));
    const deadline = Math.ceil((now + timeoutMs) / width) * width;
    let controller = this.#buckets.get(deadline);
    if (!controller) {
      const created = new AbortController();
      const timer = setTimeout(() => {
        this.#buckets.delete(deadline);
        created.abort(new DOMException('The operation timed out.', 'TimeoutError'));
      }, deadline - now);
      // A pending deadline must not keep a process alive by itself (the request's socket already does).
      (timer as { unref?: () => void }).unref?.();
      this.#buckets.set(deadline, created);
      controller = created;
    }
    return controller.signal;
  }
}

function timeoutError({ method, path, timeoutMs }: CallContext): ReplyTimeoutError {
  return new ReplyTimeoutError(`${method} ${path} timed out after ${timeoutMs} ms`, {
    method,
    path,
    timeoutMs,
  });
}

/**
 * Sends one attempt through `fetch` with a timeout. Network failures become `ReplyConnectionError`, an
 * expired timeout `ReplyTimeoutError`, and the caller's own abort is re-thrown as is. Without a caller signal
 * the attempt gets a shared deadline signal (which also bounds reading the body); with one, a controller that
 * follows both the caller and a timer on the response headers.
 */
export function timeoutLayer(fetchImpl: FetchLike): Send {
  const deadlines = new DeadlineSignals();
  const linked = async (request: Request, call: CallContext): Promise<Response> => {
    const callerSignal = request.signal;
    if (callerSignal.aborted) throw callerSignal.reason;
    const controller = new AbortController();
    const onCallerAbort = () => controller.abort(callerSignal.reason);
    callerSignal.addEventListener('abort', onCallerAbort);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, call.timeoutMs);
    try {
      return await fetchImpl(request, { signal: controller.signal });
    } catch (error) {
      if (timedOut) throw timeoutError(call);
      if (callerSignal.aborted) throw callerSignal.reason;
      throw connectionError(error, call);
    } finally {
      clearTimeout(timer);
      callerSignal.removeEventListener('abort', onCallerAbort);
    }
  };
  // The common case stays a plain promise chain: no extra async frame per call.
  return (request, call) => {
    if (call.callerSignal) return linked(request, call);
    const signal = deadlines.signal(call.timeoutMs);
    return fetchImpl(request, { signal }).catch((error: unknown) => {
      throw signal.aborted ? timeoutError(call) : connectionError(error, call);
    });
  };
}
