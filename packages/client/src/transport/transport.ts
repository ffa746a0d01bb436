import { ReplyConfigError } from '../core/errors.js';
import type { FetchLike, ReplyCallOptions, ResolvedOptions } from '../options.js';
import type { CallContext } from './attempt.js';
import { type QuotaCounter, quotaLayer } from './quota.js';
import { retryLayer } from './retry.js';
import { timeoutLayer } from './timeout.js';

/** Method and path of the request behind a response, for `unwrap`'s errors; secrets to scrub from them. */
export interface ResponseOrigin {
  method: string;
  path: string;
  secrets: readonly string[];
}

/** Filled by every client transport, read by `unwrap` (a response knows its URL but not its method). */
export const responseOrigins = new WeakMap<Response, ResponseOrigin>();

/** The URL path without origin and query string, without parsing a URL object. */
export function pathOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start === -1) return '/';
  const query = url.indexOf('?', start);
  const hash = url.indexOf('#', start);
  const end = query === -1 ? hash : hash === -1 ? query : Math.min(query, hash);
  return end === -1 ? url.slice(start) : url.slice(start, end);
}

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
 * The fetch function handed to openapi-fetch: retry → timeout → quota count → the real fetch, each attempt a
 * layer call. Per-call `timeoutMs` / `maxRetries` override the client's.
 */
export function createTransport(options: ResolvedOptions, counter: QuotaCounter): FetchLike {
  // Scrubbing a very short "key" (tests, placeholders) would mangle every message; real keys are ~23 characters.
  const secrets = options.apiKey.length >= 8 ? [options.apiKey] : [];
  const send = retryLayer(options, quotaLayer(counter, timeoutLayer(options.fetch, secrets)));
  return async (request: Request) => {
    const call: CallContext = {
      method: request.method,
      path: pathOf(request.url),
      timeoutMs: perCall(request, 'timeoutMs', options.timeoutMs, false),
      maxRetries: perCall(request, 'maxRetries', options.maxRetries, true),
      attempt: 0,
      logger: options.logger,
    };
    const response = await send(request, call);
    responseOrigins.set(response, { method: call.method, path: call.path, secrets });
    return response;
  };
}
