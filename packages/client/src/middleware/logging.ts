import { redactHeaders } from '../core/redact.js';
import type { ReplyLogger } from '../options.js';
import type { CallContext } from '../transport/call.js';

/** What the transport reports to the logger; retries are reported by the transport itself (`warn`). */
export interface CallLog {
  request(call: CallContext): void;
  response(call: CallContext, response: Response): void;
  failure(call: CallContext, error: unknown): void;
}

/**
 * One debug line per call with its headers (secrets redacted), one line per final response (`info`, or `warn`
 * for 4xx/5xx) and one `error` line per failed call. Messages never carry secrets.
 */
export function callLog(logger: ReplyLogger): CallLog {
  const started = new WeakMap<CallContext, number>();
  const elapsed = (call: CallContext) => Date.now() - (started.get(call) ?? Date.now());
  return {
    request(call) {
      started.set(call, Date.now());
      logger.debug?.(`reply: ${call.method} ${call.path}`, {
        method: call.method,
        path: call.path,
        headers: redactHeaders(call.request.headers),
      });
    },
    response(call, response) {
      const ms = elapsed(call);
      logger[response.ok ? 'info' : 'warn']?.(
        `reply: ${call.method} ${call.path} ${response.status} in ${ms} ms`,
        {
          method: call.method,
          path: call.path,
          status: response.status,
          ms,
        },
      );
    },
    failure(call, error) {
      const message = error instanceof Error ? error.message : 'request failed';
      logger.error?.(`reply: ${call.method} ${call.path} failed: ${message}`, {
        method: call.method,
        path: call.path,
        error: error instanceof Error ? error.name : typeof error,
      });
    },
  };
}
