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
  const line = (level: keyof ReplyLogger, call: CallContext, text: string, fields: Record<string, unknown>) =>
    logger[level]?.(`reply: ${call.method} ${call.path}${text}`, {
      method: call.method,
      path: call.path,
      ...fields,
    });
  return {
    request(call) {
      call.started = Date.now();
      line('debug', call, '', { headers: redactHeaders(call.request.headers) });
    },
    response(call, response) {
      const { status } = response;
      const ms = Date.now() - call.started;
      line(response.ok ? 'info' : 'warn', call, ` ${status} in ${ms} ms`, { status, ms });
    },
    failure(call, error) {
      const failed = error instanceof Error;
      line('error', call, ` failed: ${failed ? error.message : 'request failed'}`, {
        error: failed ? error.name : typeof error,
      });
    },
  };
}
