import type { Middleware } from 'openapi-fetch';
import { ReplyConfigError } from './core/errors.js';
import { MONTHLY_QUOTA, SERVER_URL } from './generated/throttle.js';

/** A logger with any of the four levels; `console` works. Lines never contain the API key or impersonation. */
export interface ReplyLogger {
  debug?(message: string, fields?: Record<string, unknown>): void;
  info?(message: string, fields?: Record<string, unknown>): void;
  warn?(message: string, fields?: Record<string, unknown>): void;
  error?(message: string, fields?: Record<string, unknown>): void;
}

/** Calls counted by this client (and the clients made from it with `actAs`). */
export interface ReplyUsage {
  /** HTTP requests sent since the client was created, retries included (each one counts against the quota). */
  calls: number;
  /** The monthly quota the warning refers to. */
  monthlyQuota: number;
  /** `monthlyQuota - calls`, never below 0. */
  remaining: number;
}

export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

export interface ReplyClientOptions {
  /** Reply API key (or Master API Key), sent as `x-api-key`; defaults to the `REPLY_API_KEY` environment variable. */
  apiKey?: string;
  /** API origin; default `https://api.reply.io`. */
  baseUrl?: string;
  /** The fetch implementation; default `globalThis.fetch`. */
  fetch?: FetchLike;
  /** Milliseconds to wait for each attempt's response headers; default 60 000. Per call: `{ timeoutMs }`. */
  timeoutMs?: number;
  /** Retries after a retryable failure (see README); default 2. Per call: `{ maxRetries }`. */
  maxRetries?: number;
  /** First backoff delay in milliseconds, doubled per retry, with jitter; default 500. */
  retryDelayMs?: number;
  /** Upper bound of one backoff delay in milliseconds; default 8 000. */
  maxRetryDelayMs?: number;
  /** Longest `Retry-After` the client waits for; a longer one ends the retries; default 60 000. */
  maxRetryAfterMs?: number;
  /** Extra headers on every request (not `x-api-key` or the impersonation headers). */
  headers?: Record<string, string>;
  /** Receives one line per request, response, retry and failure, with secrets redacted. */
  logger?: ReplyLogger;
  /** Space calls to operations with `x-reply-throttle-seconds` client-side; default true. */
  throttle?: boolean;
  /** The monthly call quota per key used for `usage` and `onQuotaWarning`; default 15 000. */
  monthlyQuota?: number;
  /** Fraction of `monthlyQuota` at which `onQuotaWarning` is called first; default 0.8. */
  quotaWarningRatio?: number;
  /** Called once when `calls` reaches `quotaWarningRatio × monthlyQuota` and once when it reaches the quota. */
  onQuotaWarning?: (usage: ReplyUsage) => void;
  /** Extra openapi-fetch middleware, run after the client's own (auth, impersonation, throttle, logging). */
  middleware?: Middleware[];
}

/** Per-call options, passed next to `params` and `body`: `reply.GET(path, { params, timeoutMs: 5000 })`. */
export interface ReplyCallOptions {
  /** Milliseconds to wait for each attempt of this call. */
  timeoutMs?: number;
  /** Retries for this call. */
  maxRetries?: number;
}

/** Every default of `createReplyClient` in one place. */
export const replyClientDefaults = {
  baseUrl: SERVER_URL,
  timeoutMs: 60_000,
  maxRetries: 2,
  retryDelayMs: 500,
  maxRetryDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  throttle: true,
  monthlyQuota: MONTHLY_QUOTA,
  quotaWarningRatio: 0.8,
} as const;

export interface ResolvedOptions {
  apiKey: string;
  baseUrl: string;
  fetch: FetchLike;
  timeoutMs: number;
  maxRetries: number;
  retryDelayMs: number;
  maxRetryDelayMs: number;
  maxRetryAfterMs: number;
  headers: Record<string, string>;
  logger: ReplyLogger | undefined;
  throttle: boolean;
  monthlyQuota: number;
  quotaWarningRatio: number;
  onQuotaWarning: ((usage: ReplyUsage) => void) | undefined;
  middleware: Middleware[];
}

const reservedHeaders = new Set(['x-api-key', 'x-user-id', 'x-user-email']);

function fail(message: string): never {
  throw new ReplyConfigError(`createReplyClient: ${message}`);
}

function environmentApiKey(): string | undefined {
  // `process` is read through globalThis so that browsers, Deno and edge runtimes never touch it.
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.REPLY_API_KEY;
}

/** Describes a key problem without ever echoing the key. */
function apiKeyProblem(apiKey: unknown): string | undefined {
  if (typeof apiKey !== 'string') return `apiKey must be a string (got ${typeof apiKey})`;
  if (apiKey.trim() === '') return 'apiKey is empty';
  for (let index = 0; index < apiKey.length; index++) {
    const code = apiKey.charCodeAt(index);
    if (code <= 0x20 || code >= 0x7f) {
      return `apiKey contains a whitespace, control or non-ASCII character at index ${index}`;
    }
  }
  return undefined;
}

function number(
  options: ReplyClientOptions,
  name: 'timeoutMs' | 'maxRetries' | 'retryDelayMs' | 'maxRetryDelayMs' | 'maxRetryAfterMs' | 'monthlyQuota',
  rule: 'positive' | 'non-negative integer' | 'non-negative',
): number {
  const value = options[name] ?? replyClientDefaults[name];
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (rule === 'positive'
      ? value > 0
      : rule === 'non-negative'
        ? value >= 0
        : Number.isInteger(value) && value >= 0);
  if (!ok) fail(`${name} must be a ${rule} number (got ${JSON.stringify(value) ?? String(value)})`);
  return value;
}

/** Validates the options and fills in defaults; throws `ReplyConfigError` naming the first bad option. */
export function resolveOptions(options: ReplyClientOptions = {}): ResolvedOptions {
  if (options === null || typeof options !== 'object') fail('options must be an object');
  const apiKey = options.apiKey ?? environmentApiKey();
  if (apiKey === undefined) fail('no API key: pass { apiKey } or set the REPLY_API_KEY environment variable');
  const keyProblem = apiKeyProblem(apiKey);
  if (keyProblem) fail(keyProblem);

  const baseUrl = options.baseUrl ?? replyClientDefaults.baseUrl;
  let parsed: URL | undefined;
  try {
    parsed = new URL(baseUrl);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
    fail(`baseUrl must be an absolute http(s) URL (got ${JSON.stringify(baseUrl)})`);
  }

  const fetchImpl = options.fetch ?? (globalThis.fetch as FetchLike | undefined);
  if (typeof fetchImpl !== 'function') fail('fetch must be a function, and this runtime has no global fetch');

  const headers = options.headers ?? {};
  if (headers === null || typeof headers !== 'object') fail('headers must be an object of strings');
  for (const [name, value] of Object.entries(headers)) {
    if (reservedHeaders.has(name.toLowerCase())) {
      fail(`headers.${name} is set by the client: use apiKey or actAs() instead`);
    }
    if (typeof value !== 'string' || /[\r\n]/.test(value))
      fail(`headers.${name} must be a string without line breaks`);
  }

  const logger = options.logger;
  if (logger !== undefined && (logger === null || typeof logger !== 'object')) {
    fail('logger must be an object with debug/info/warn/error methods');
  }
  const throttle = options.throttle ?? replyClientDefaults.throttle;
  if (typeof throttle !== 'boolean') fail(`throttle must be a boolean (got ${typeof throttle})`);
  const ratio = options.quotaWarningRatio ?? replyClientDefaults.quotaWarningRatio;
  if (typeof ratio !== 'number' || !(ratio > 0 && ratio <= 1)) {
    fail(`quotaWarningRatio must be a number in (0, 1] (got ${String(ratio)})`);
  }
  if (options.onQuotaWarning !== undefined && typeof options.onQuotaWarning !== 'function') {
    fail('onQuotaWarning must be a function');
  }
  const middleware = options.middleware ?? [];
  if (!Array.isArray(middleware)) fail('middleware must be an array of openapi-fetch middleware objects');

  return {
    apiKey,
    baseUrl: baseUrl.replace(/\/+$/, ''),
    fetch: fetchImpl,
    timeoutMs: number(options, 'timeoutMs', 'positive'),
    maxRetries: number(options, 'maxRetries', 'non-negative integer'),
    retryDelayMs: number(options, 'retryDelayMs', 'non-negative'),
    maxRetryDelayMs: number(options, 'maxRetryDelayMs', 'non-negative'),
    maxRetryAfterMs: number(options, 'maxRetryAfterMs', 'non-negative'),
    headers: { ...headers },
    logger,
    throttle,
    monthlyQuota: number(options, 'monthlyQuota', 'positive'),
    quotaWarningRatio: ratio,
    onQuotaWarning: options.onQuotaWarning,
    middleware,
  };
}
