import type { ReplyLogger } from '../options.js';

/** The URL path without origin and query string, without parsing a URL object. */
export function pathOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start < 0) return '/';
  const end = url.slice(start).search(/[?#]/);
  return end < 0 ? url.slice(start) : url.slice(start, start + end);
}

/**
 * Init keys the client's methods add to a call (openapi-fetch copies unknown init keys onto the Request, which
 * is how they reach the transport): whether the caller passed a `signal`, and the `METHOD /path` of a throttled
 * operation. Calls that need neither carry neither.
 */
export const CALLER_SIGNAL = 'replykitCallerSignal';
export const OPERATION = 'replykitOperation';

/** What the transport knows about one call (all its attempts). */
export class CallContext {
  #path: string | undefined;
  /** When the call started (epoch ms), set when a logger is configured. */
  started = 0;
  /** The shared deadline signal of the current attempt, when the caller passed no signal (`timeout.ts`). */
  deadline: AbortSignal | undefined = undefined;
  declare readonly request: Request;
  /** Timeout of each attempt in milliseconds. */
  declare readonly timeoutMs: number;
  /** Retries allowed for this call. */
  declare readonly maxRetries: number;
  /** Whether the caller passed an `AbortSignal` (the request's signal follows it). */
  declare readonly callerSignal: boolean;
  /** `METHOD /path` template of a throttled operation, else `undefined`. */
  declare readonly operation: string | undefined;
  declare readonly logger: ReplyLogger | undefined;
  /** Values scrubbed from errors built for this call (the API key). */
  declare readonly secrets: readonly string[];

  // Plain assignments rather than parameter properties, which compile to a field list plus assignments.
  constructor(
    request: Request,
    timeoutMs: number,
    maxRetries: number,
    callerSignal: boolean,
    operation: string | undefined,
    logger: ReplyLogger | undefined,
    secrets: readonly string[],
  ) {
    this.request = request;
    this.timeoutMs = timeoutMs;
    this.maxRetries = maxRetries;
    this.callerSignal = callerSignal;
    this.operation = operation;
    this.logger = logger;
    this.secrets = secrets;
  }

  /** Upper-case HTTP method. */
  get method(): string {
    return this.request.method;
  }

  /** URL path without the query string, for messages and logs; computed only when one is needed. */
  get path(): string {
    this.#path ??= pathOf(this.request.url);
    return this.#path;
  }
}
