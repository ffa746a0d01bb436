import { inspectSymbol, redactHeaders, scrubSecrets } from './redact.js';

/** Base class of every error this package throws; `details` become its fields (`cause` the standard one). */
export class ReplyError extends Error {
  constructor(message: string, details?: object) {
    const { cause, ...fields } = (details ?? {}) as { cause?: unknown };
    super(message, cause === undefined ? undefined : { cause });
    Object.assign(this, fields);
  }

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
  declare readonly method: string;
  /** URL path of the failed request (no query string). */
  declare readonly path: string;
  /** System error code from the cause chain when the runtime gives one (`ECONNREFUSED`, `UND_ERR_SOCKET`, ...). */
  declare readonly code: string | undefined;

  // Narrows the details type of the base constructor.
  constructor(
    message: string,
    details: { method: string; path: string; code?: string | undefined; cause?: unknown },
  ) {
    super(message, details);
  }
}

/** No response within `timeoutMs` (per attempt). */
export class ReplyTimeoutError extends ReplyConnectionError {
  /** The timeout that expired, in milliseconds. */
  declare readonly timeoutMs: number;

  constructor(message: string, details: { method: string; path: string; timeoutMs: number }) {
    super(message, { ...details, code: 'ETIMEDOUT' });
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
  declare readonly status: number;
  /** HTTP method of the request. */
  declare readonly method: string;
  /** URL path of the request (no query string). */
  declare readonly path: string;
  /** Parsed response body: JSON when the server sent JSON, otherwise the text (or `undefined` when empty). */
  declare readonly body: unknown;
  /** Response headers, lower-case names, secrets redacted. */
  declare readonly headers: Record<string, string>;

  // Narrows the details type of the base constructor.
  constructor(message: string, details: ReplyApiErrorDetails) {
    super(message, details);
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
  declare readonly retryAfterMs: number | undefined;

  constructor(message: string, details: ReplyApiErrorDetails) {
    super(message, details);
    (this as { retryAfterMs?: number }).retryAfterMs = parseRetryAfter(details.headers['retry-after']);
  }
}
/** 5xx: the server failed. */
export class InternalServerError extends ReplyApiError {}

/** `Retry-After` as milliseconds from now: delta-seconds or an HTTP date; `undefined` when absent or invalid. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // An HTTP date always names its day and month; this keeps `-1` or `2` from parsing as years.
  const date = /[A-Za-z]/.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Reason phrases for when the response has none (HTTP/2, injected fetch), by status. */
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

/** Error classes by status; 5xx share one. */
const errorClasses: Record<number, typeof ReplyApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  429: RateLimitError,
};

/** Builds the typed error for a non-2xx response whose body is already parsed. */
export function apiErrorFrom(
  request: { method: string; path: string },
  response: { status: number; statusText: string; headers: Headers },
  body: unknown,
  secrets: readonly string[] = [],
): ReplyApiError {
  const { status } = response;
  const explanation = serverMessage(body);
  const message = `${request.method} ${request.path} failed with ${status} ${response.statusText || statusTexts[status] || 'Error'}${explanation ? `: ${explanation}` : ''}`;
  const ErrorClass = status >= 500 ? InternalServerError : (errorClasses[status] ?? ReplyApiError);
  return new ErrorClass(scrubSecrets(message, secrets), {
    status,
    method: request.method,
    path: request.path,
    body: scrubSecrets(body, secrets),
    headers: scrubSecrets(redactHeaders(response.headers), secrets),
  });
}

// The name lives on the prototype so that it is already set when the stack header is captured, and
// survives minification of class names. Same order as the names.
const classes = [
  ReplyError,
  ReplyConfigError,
  ReplyConnectionError,
  ReplyTimeoutError,
  ReplyApiError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  RateLimitError,
  InternalServerError,
];
'ReplyError ReplyConfigError ReplyConnectionError ReplyTimeoutError ReplyApiError BadRequestError AuthenticationError PermissionDeniedError NotFoundError RateLimitError InternalServerError'
  .split(' ')
  .forEach((name, index) => {
    Object.defineProperty(classes[index]?.prototype, 'name', {
      value: name,
      writable: true,
      configurable: true,
    });
  });
