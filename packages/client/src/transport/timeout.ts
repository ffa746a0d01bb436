import { ReplyConnectionError, ReplyTimeoutError } from '../core/errors.js';
import { scrubSecrets } from '../core/redact.js';
import type { FetchLike } from '../options.js';
import type { CallContext, Send } from './attempt.js';

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

function connectionError(
  error: unknown,
  call: CallContext,
  secrets: readonly string[],
): ReplyConnectionError {
  const code = errorCode(error);
  const reason = scrubSecrets(
    error instanceof Error && error.message ? error.message : 'network error',
    secrets,
  );
  // A cause that somehow carries a secret (a custom fetch's message) is replaced by a scrubbed copy.
  const text = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
  const cause = secrets.some((secret) => text.includes(secret))
    ? Object.assign(
        new Error(scrubSecrets(error instanceof Error ? error.message : String(error), secrets)),
        { code },
      )
    : error;
  return new ReplyConnectionError(
    `${call.method} ${call.path} failed: no response (${code ? `${code}, ` : ''}${reason})`,
    { method: call.method, path: call.path, code, cause },
  );
}

/**
 * Sends one attempt through `fetch` with a timeout on the response headers. The caller's `AbortSignal`
 * (the request's) still aborts it; that abort is re-thrown as is. Network failures become
 * `ReplyConnectionError`, an expired timeout `ReplyTimeoutError`.
 */
export function timeoutLayer(fetchImpl: FetchLike, secrets: readonly string[]): Send {
  return async (request, call) => {
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
      if (timedOut) {
        throw new ReplyTimeoutError(`${call.method} ${call.path} timed out after ${call.timeoutMs} ms`, call);
      }
      if (callerSignal.aborted) throw callerSignal.reason;
      throw connectionError(error, call, secrets);
    } finally {
      clearTimeout(timer);
      callerSignal.removeEventListener('abort', onCallerAbort);
    }
  };
}
