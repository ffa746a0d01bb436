import { ReplyMockConfigError } from './errors.js';
import { type FaultOptions, resolveFaultOptions } from './faults.js';
import { checkPagedItems } from './page-envelope.js';
import type { RecordedRequest } from './recorder.js';
import type { SpecSource } from './spec.js';

export interface MockServerOptions {
  /** Port to listen on; default 0 (an ephemeral port, read it from `url`). */
  port?: number;
  /** Interface to bind; default `127.0.0.1`. */
  host?: string;
  /** OpenAPI 3.1 document or a path to a JSON/YAML file; default the curated Reply spec from `@replykit/types`. */
  spec?: SpecSource;
  /** Random faults from a seeded PRNG; default none. */
  faults?: FaultOptions;
  /** Answer 400 when a request sends both `X-User-Id` and `X-User-Email`; default `true`. */
  rejectBothImpersonationHeaders?: boolean;
  /** Request headers whose value keys the idempotency view, first present wins. */
  idempotencyHeaders?: string[];
  /**
   * Answer 429 (with `Retry-After`) when an operation with `x-reply-throttle-seconds` is executed again within
   * that many seconds for the same API key and impersonated user, as Reply does; default `false`.
   */
  enforceThrottle?: boolean;
  /** Keep at most this many recorded requests, dropping the oldest; default unlimited (the CLI keeps 10,000). */
  recordLimit?: number;
  /** Largest accepted request body in bytes; default 10 MiB. */
  maxBodyBytes?: number;
  /** Called once per API request when it is finished (responded, reset, or abandoned by the client). */
  onRequest?: (request: RecordedRequest) => void;
  /**
   * Every page-envelope operation (e.g. `GET /v1/people`) answers as if it held this many items, built from its
   * example and paged by `page`/`limit` with real `next`/`previous` links; default off (the example as it is).
   */
  pagedItems?: number;
}

export const DEFAULT_IDEMPOTENCY_HEADERS = ['idempotency-key', 'x-idempotency-key', 'x-mock-request-key'];
const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface ResolvedOptions {
  port: number;
  host: string;
  rejectBothImpersonationHeaders: boolean;
  idempotencyHeaders: string[];
  enforceThrottle: boolean;
  maxBodyBytes: number;
  recordLimit: number;
  onRequest: ((request: RecordedRequest) => void) | undefined;
  pagedItems: number | undefined;
}

/** Checks every option up front; throws `ReplyMockConfigError` naming the first bad one. */
export function resolveOptions(options: MockServerOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new ReplyMockConfigError(
      `startMockServer options must be an object (got ${JSON.stringify(options)})`,
    );
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ReplyMockConfigError(
      `port must be an integer between 0 and 65535 (got ${JSON.stringify(options.port)})`,
    );
  }
  const host = options.host ?? '127.0.0.1';
  if (typeof host !== 'string' || host.trim() === '') {
    throw new ReplyMockConfigError(`host must be a non-empty string (got ${JSON.stringify(options.host)})`);
  }
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes <= 0) {
    throw new ReplyMockConfigError(
      `maxBodyBytes must be a positive integer (got ${JSON.stringify(options.maxBodyBytes)})`,
    );
  }
  const recordLimit = options.recordLimit ?? Number.POSITIVE_INFINITY;
  if (!(recordLimit === Number.POSITIVE_INFINITY || (Number.isInteger(recordLimit) && recordLimit > 0))) {
    throw new ReplyMockConfigError(
      `recordLimit must be a positive integer (got ${JSON.stringify(options.recordLimit)})`,
    );
  }
  const idempotencyHeaders = options.idempotencyHeaders ?? DEFAULT_IDEMPOTENCY_HEADERS;
  if (
    !Array.isArray(idempotencyHeaders) ||
    idempotencyHeaders.some((name) => typeof name !== 'string' || !name)
  ) {
    throw new ReplyMockConfigError(
      `idempotencyHeaders must be an array of header names (got ${JSON.stringify(options.idempotencyHeaders)})`,
    );
  }
  if (options.onRequest !== undefined && typeof options.onRequest !== 'function') {
    throw new ReplyMockConfigError('onRequest must be a function');
  }
  // Faults are checked now so a bad option fails before the spec is read.
  resolveFaultOptions(options.faults);
  const pagedItems = checkPagedItems(options.pagedItems);
  return {
    port,
    host,
    rejectBothImpersonationHeaders: options.rejectBothImpersonationHeaders ?? true,
    idempotencyHeaders: idempotencyHeaders.map((name) => name.toLowerCase()),
    enforceThrottle: options.enforceThrottle === true,
    maxBodyBytes,
    recordLimit,
    onRequest: options.onRequest,
    pagedItems,
  };
}
