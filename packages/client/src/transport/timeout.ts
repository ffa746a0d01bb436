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
  // The bucket of the previous call: calls in a row mostly share it, which skips the map lookup.
  #lastDeadline = 0;
  #last: AbortSignal | undefined;

  /** A signal that aborts between `timeoutMs` and `timeoutMs` + 5% from `now`. */
  signal(timeoutMs: number, now = Date.now()): AbortSignal {
    const width = Math.max(10, Math.ceil(timeoutMs / 20));
    const deadline = Math.ceil((now + timeoutMs) / width) * width;
    if (deadline === this.#lastDeadline && this.#last && !this.#last.aborted) return this.#last;
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
    this.#lastDeadline = deadline;
    this.#last = controller.signal;
    return this.#last;
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
 * Sends one attempt through `fetch` with a timeout. With a caller signal, the attempt gets a controller that
 * follows both the caller and a timer on the response headers, and failures are turned into errors here (see
 * `attemptError`). Without one (the common case), it gets a shared deadline signal (which also bounds reading the
 * body), kept on the call, and the promise is `fetch`'s own: the transport calls `attemptError` on failure, so
 * no extra promise and closure per call.
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
  return (request, call) => {
    if (call.callerSignal) return linked(request, call);
    const signal = deadlines.signal(call.timeoutMs);
    call.deadline = signal;
    return fetchImpl(request, { signal });
  };
}

/**
 * The error an attempt sent by `timeoutLayer` rejects with: `ReplyTimeoutError` when its deadline passed,
 * else `ReplyConnectionError`; errors of calls with a caller signal are already final (and the caller's own
 * abort reason is re-thrown as is).
 */
export function attemptError(error: unknown, call: CallContext): unknown {
  if (call.callerSignal) return error;
  return call.deadline?.aborted ? timeoutError(call) : connectionError(error, call);
}
