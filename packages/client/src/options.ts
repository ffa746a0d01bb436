import type { Middleware } from 'openapi-fetch';
import { configError, isNumber, mustBe } from './core/check.js';
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
  /** Extra openapi-fetch middleware; it runs before the client's own steps (key, impersonation, throttle). */
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

/** The rule each option must meet, worded as in its error: a number rule (`isNumber`) or a `typeof`. */
const rules: Record<string, string> = {
  timeoutMs: 'positive number',
  maxRetries: 'non-negative integer number',
  retryDelayMs: 'non-negative number',
  maxRetryDelayMs: 'non-negative number',
  maxRetryAfterMs: 'non-negative number',
  monthlyQuota: 'positive number',
  quotaWarningRatio: 'number in (0, 1]',
  fetch: 'function',
  headers: 'object',
  logger: 'object',
  throttle: 'boolean',
  onQuotaWarning: 'function',
  middleware: 'object',
};

const where = 'createReplyClient';
const fail = (text: string): never => configError(where, text);

/** Index of the first character outside printable ASCII (space excluded), or -1. */
export function nonPrintable(value: string): number {
  return value.search(/[^\x21-\x7e]/);
}

/** Validates the options and fills in defaults; throws `ReplyConfigError` naming the first bad option. */
export function resolveOptions(options: ReplyClientOptions = {}): ResolvedOptions {
  if (options === null || typeof options !== 'object') fail('options must be an object');
  let apiKey = options.apiKey;
  let unreadable = '';
  // Only without an `apiKey`; `process` through globalThis, as browsers and edge runtimes have none, and a
  // runtime that forbids reading the environment (Deno without --allow-env throws) counts as no variable.
  if (apiKey === undefined) {
    try {
      apiKey = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env
        ?.REPLY_API_KEY;
    } catch {
      unreadable = ' (this runtime does not let the client read it)';
    }
  }
  if (apiKey === undefined)
    fail(`no API key: pass { apiKey } or set the REPLY_API_KEY environment variable${unreadable}`);
  // The key itself is never part of a message: only its type or the position of a bad character.
  if (typeof apiKey !== 'string') mustBe(where, 'apiKey', 'string', typeof apiKey);
  const bad = nonPrintable(apiKey);
  if (bad >= 0 || apiKey === '')
    fail(
      `apiKey must be printable ASCII without spaces (${bad < 0 ? 'it is empty' : `bad character at index ${bad}`})`,
    );
  const resolved: Record<string, unknown> = {
    ...replyClientDefaults,
    fetch: globalThis.fetch,
    headers: {},
    middleware: [],
  };
  for (const [name, value] of Object.entries(options)) {
    if (!(name in rules || name === 'apiKey' || name === 'baseUrl'))
      fail(`unknown option ${JSON.stringify(name)}`);
    if (value !== undefined) resolved[name] = value;
  }
  resolved.apiKey = apiKey;
  for (const [name, rule] of Object.entries(rules)) {
    const value = resolved[name];
    // Number rules have a space; the others are a `typeof`, checked when the option is set.
    if (
      rule.includes(' ')
        ? !isNumber(value, rule)
        : value !== undefined && (typeof value !== rule || value === null)
    )
      mustBe(where, name, rule, rule.includes(' ') ? value : value === null ? 'null' : typeof value);
  }
  const { fetch, baseUrl, headers } = resolved as unknown as ResolvedOptions;
  if (typeof fetch !== 'function') fail('fetch is required: this runtime has no global fetch');
  if (!/^https?:\/\/[^/]/.test(String(baseUrl)))
    mustBe(where, 'baseUrl', 'absolute http(s) URL', JSON.stringify(baseUrl));
  for (const [name, value] of Object.entries(headers)) {
    if (/^x-(api-key|user-id|user-email)$/i.test(name))
      fail(`headers.${name} is set by the client: use apiKey or actAs() instead`);
    if (typeof value !== 'string' || /[\r\n]/.test(value))
      fail(`headers.${name} must be a string without line breaks`);
  }
  resolved.baseUrl = baseUrl.replace(/\/+$/, '');
  resolved.headers = { ...headers };
  return resolved as unknown as ResolvedOptions;
}
