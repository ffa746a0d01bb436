import { inspectSymbol, redactHeaders, scrubSecrets } from './redact.js';

/** Base class of every error this package throws. */
export class ReplyError extends Error {
  /** Plain data for logs: the name, the message and the error's own fields (never the API key). */
  toJSON(): Record<string, unknown> {
    const fields: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) {
      if (key !== 'cause') fields[key] = value;
    }
    return fields;
  }

  /** `util.inspect` / `console.log` show the stack and the same fields as `toJSON()`, nothing else. */
  [inspectSymbol](
    _depth: number,
    options: unknown,
    inspect?: (value: unknown, options?: unknown) => string,
  ): string {
    const { name: _name, message: _message, ...fields } = this.toJSON();
    const stack = this.stack ?? `${this.name}: ${this.message}`;
    if (Object.keys(fields).length === 0 || typeof inspect !== 'function') return stack;
    return `${stack} ${inspect(fields, options)}`;
  }
}

/** Invalid options or arguments, thrown before any request is sent. */
export class ReplyConfigError extends ReplyError {}

/** The request never got a response: DNS, refused or reset connection, TLS, ... */
export class ReplyConnectionError extends ReplyError {
  /** HTTP method of the failed request. */
  readonly method: string;
  /** URL path of the failed request (no query string). */
  readonly path: string;
  /** System error code from the cause chain when the runtime gives one (`ECONNREFUSED`, `UND_ERR_SOCKET`, ...). */
  readonly code: string | undefined;

  constructor(
    message: string,
    details: { method: string; path: string; code?: string | undefined; cause?: unknown },
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.method = details.method;
    this.path = details.path;
    this.code = details.code;
  }
}

/** No response within `timeoutMs` (per attempt). */
export class ReplyTimeoutError extends ReplyConnectionError {
  /** The timeout that expired, in milliseconds. */
  readonly timeoutMs: number;

  constructor(message: string, details: { method: string; path: string; timeoutMs: number }) {
    super(message, { method: details.method, path: details.path, code: 'ETIMEDOUT' });
    this.timeoutMs = details.timeoutMs;
  }
}

export interface ReplyApiErrorDetails {
  status: number;
  method: string;
  path: string;
  body: unknown;
  headers: Record<string, string>;
}

/** The API answered with a non-2xx status. Subclasses by status: 400, 401, 403, 404, 429, 5xx. */
export class ReplyApiError extends ReplyError {
  /** HTTP status code of the response. */
  readonly status: number;
  /** HTTP method of the request. */
  readonly method: string;
  /** URL path of the request (no query string). */
  readonly path: string;
  /** Parsed response body: JSON when the server sent JSON, otherwise the text (or `undefined` when empty). */
  readonly body: unknown;
  /** Response headers, lower-case names, secrets redacted. */
  readonly headers: Record<string, string>;

  constructor(message: string, details: ReplyApiErrorDetails) {
    super(message);
    this.status = details.status;
    this.method = details.method;
    this.path = details.path;
    this.body = details.body;
    this.headers = details.headers;
  }
}

/** 400: the server rejected a parameter or the body. */
export class BadRequestError extends ReplyApiError {}
/** 401: no user matches the API key. */
export class AuthenticationError extends ReplyApiError {}
/** 403: the key (or the impersonated user) lacks permission for the resource. */
export class PermissionDeniedError extends ReplyApiError {}
/** 404: the resource does not exist. */
export class NotFoundError extends ReplyApiError {}
/** 429: rate limited; `retryAfterMs` is the server's `Retry-After`, when it sent one. */
export class RateLimitError extends ReplyApiError {
  /** Milliseconds the server asked to wait (`Retry-After`), when given. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, details: ReplyApiErrorDetails) {
    super(message, details);
    this.retryAfterMs = parseRetryAfter(details.headers['retry-after']);
  }
}
/** 5xx: the server failed. */
export class InternalServerError extends ReplyApiError {}

/** `Retry-After` as milliseconds from now: delta-seconds or an HTTP date; `undefined` when absent or invalid. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value == null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // An HTTP date always names its day and month; this keeps `-1` or `2` from parsing as years.
  if (!/[A-Za-z]/.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const statusTexts: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  409: 'Conflict',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The server's own explanation from an error body (`message`, `error`, `title`, `detail`, or short text). */
export function serverMessage(body: unknown): string | undefined {
  let text: unknown = body;
  if (body !== null && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    text = [record.message, record.error, record.title, record.detail, record.Message].find(
      (value) => typeof value === 'string' && value.trim() !== '',
    );
  }
  if (typeof text !== 'string') return undefined;
  const line = text.replace(/\s+/g, ' ').trim();
  if (line === '') return undefined;
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

function errorClass(status: number): typeof ReplyApiError {
  if (status === 400) return BadRequestError;
  if (status === 401) return AuthenticationError;
  if (status === 403) return PermissionDeniedError;
  if (status === 404) return NotFoundError;
  if (status === 429) return RateLimitError;
  if (status >= 500) return InternalServerError;
  return ReplyApiError;
}

/** Builds the typed error for a non-2xx response whose body is already parsed. */
export function apiErrorFrom(
  request: { method: string; path: string },
  response: { status: number; statusText: string; headers: Headers },
  body: unknown,
  secrets: readonly string[] = [],
): ReplyApiError {
  const statusText = response.statusText || statusTexts[response.status] || 'Error';
  const explanation = serverMessage(body);
  const message = `${request.method} ${request.path} failed with ${response.status} ${statusText}${explanation ? `: ${explanation}` : ''}`;
  const ErrorClass = errorClass(response.status);
  return new ErrorClass(scrubSecrets(message, secrets), {
    status: response.status,
    method: request.method,
    path: request.path,
    body: scrubSecrets(body, secrets),
    headers: scrubSecrets(redactHeaders(response.headers), secrets),
  });
}

// The name lives on the prototype so that it is already set when the stack header is captured, and
// survives minification of class names.
for (const [ErrorClass, name] of [
  [ReplyError, 'ReplyError'],
  [ReplyConfigError, 'ReplyConfigError'],
  [ReplyConnectionError, 'ReplyConnectionError'],
  [ReplyTimeoutError, 'ReplyTimeoutError'],
  [ReplyApiError, 'ReplyApiError'],
  [BadRequestError, 'BadRequestError'],
  [AuthenticationError, 'AuthenticationError'],
  [PermissionDeniedError, 'PermissionDeniedError'],
  [NotFoundError, 'NotFoundError'],
  [RateLimitError, 'RateLimitError'],
  [InternalServerError, 'InternalServerError'],
] as const) {
  Object.defineProperty(ErrorClass.prototype, 'name', { value: name, writable: true, configurable: true });
}
