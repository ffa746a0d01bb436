import type { Middleware } from 'openapi-fetch';
import { redactHeaders } from '../core/redact.js';
import type { ReplyLogger } from '../options.js';
import { pathOf } from '../transport/call.js';

/**
 * Logs one debug line per request (headers redacted), one line per response (`info`, or `warn` for 4xx/5xx)
 * and one `error` line per failure. Retries are logged by the retry layer. Messages never carry secrets.
 */
export function loggingMiddleware(logger: ReplyLogger): Middleware {
  const started = new Map<string, number>();
  return {
    onRequest({ request, id }) {
      started.set(id, Date.now());
      logger.debug?.(`reply: ${request.method} ${pathOf(request.url)}`, {
        method: request.method,
        path: pathOf(request.url),
        headers: redactHeaders(request.headers),
      });
    },
    onResponse({ request, response, id }) {
      const ms = Date.now() - (started.get(id) ?? Date.now());
      started.delete(id);
      const level = response.ok ? 'info' : 'warn';
      const path = pathOf(request.url);
      logger[level]?.(`reply: ${request.method} ${path} ${response.status} in ${ms} ms`, {
        method: request.method,
        path,
        status: response.status,
        ms,
      });
    },
    onError({ request, error, id }) {
      started.delete(id);
      const path = pathOf(request.url);
      const message = error instanceof Error ? error.message : 'request failed';
      logger.error?.(`reply: ${request.method} ${path} failed: ${message}`, {
        method: request.method,
        path,
        error: error instanceof Error ? error.name : typeof error,
      });
    },
  };
}
