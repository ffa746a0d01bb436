import type { paths } from '@replykit/types';
import createClient, { type Client } from 'openapi-fetch';
import { inspectSymbol, REDACTED } from './core/redact.js';
import type { PaginatedPath } from './generated/pagination.js';
import { THROTTLE_SECONDS } from './generated/throttle.js';
import { authStep } from './middleware/auth.js';
import {
  type Impersonation,
  type ImpersonationHeader,
  impersonationHeader,
  impersonationStep,
} from './middleware/impersonation.js';
import { callLog } from './middleware/logging.js';
import type { RequestStep } from './middleware/steps.js';
import { type ThrottleState, throttleStep } from './middleware/throttle.js';
import { type ReplyClientOptions, type ReplyUsage, type ResolvedOptions, resolveOptions } from './options.js';
import { type PageItem, type PaginateInit, paginate } from './paginate.js';
import { CALLER_SIGNAL, OPERATION } from './transport/call.js';
import { QuotaCounter } from './transport/quota.js';
import { type Send, timeoutLayer } from './transport/timeout.js';
import { createTransport } from './transport/transport.js';

/** A typed Reply API client: openapi-fetch's methods plus impersonation, pagination and usage. */
export interface ReplyClient extends Omit<Client<paths>, 'use' | 'eject'> {
  /**
   * A client acting as one user of the team (Master API Key): the same key, options, retries, throttling and
   * call counter, plus exactly one of `X-User-Email` / `X-User-Id` on every request. This client is unchanged.
   */
  actAs(identity: Impersonation): ReplyClient;
  /** Yields every item of every page of a page/limit operation (see `PaginateInit`). */
  paginate<P extends PaginatedPath>(
    path: P,
    init?: PaginateInit<P>,
  ): AsyncGenerator<PageItem<P>, void, undefined>;
  /** Calls sent so far by this client and its `actAs` clients, against the monthly quota. */
  readonly usage: ReplyUsage;
}

/** What a client and all its `actAs` clients have in common. */
interface Shared {
  options: ResolvedOptions;
  counter: QuotaCounter;
  throttle: ThrottleState;
  send: Send;
}

function describe(shared: Shared, impersonation: ImpersonationHeader | undefined): Record<string, unknown> {
  const { options } = shared;
  return {
    baseUrl: options.baseUrl,
    apiKey: REDACTED,
    actingAs: impersonation ? { [impersonation.name]: REDACTED } : null,
    timeoutMs: options.timeoutMs,
    maxRetries: options.maxRetries,
    throttle: options.throttle,
    usage: shared.counter.usage(),
  };
}

type CallInit = ({ signal?: AbortSignal | null } & Record<string, unknown>) | undefined;
type Method = (url: never, init?: CallInit) => unknown;

/**
 * Marks calls that pass a signal (the transport then links it) and calls of throttled operations (their
 * `METHOD /path`), through init keys openapi-fetch copies onto the Request. Other calls pass through untouched.
 */
function mark(verb: string, url: unknown, init: CallInit, throttle: boolean): CallInit {
  const operation = `${verb} ${String(url)}`;
  const throttled = throttle && THROTTLE_SECONDS[operation] !== undefined;
  if (!init?.signal && !throttled) return init;
  return { ...init, [CALLER_SIGNAL]: Boolean(init?.signal), [OPERATION]: throttled ? operation : undefined };
}

function marking<M>(method: M, verb: string, throttle: boolean): M {
  const call = method as Method;
  return ((url: never, init?: CallInit) => call(url, mark(verb, url, init, throttle))) as M;
}

function buildClient(shared: Shared, impersonation: ImpersonationHeader | undefined): ReplyClient {
  const { options } = shared;
  const steps: RequestStep[] = [authStep(options.apiKey), impersonationStep(impersonation)];
  if (options.throttle) steps.push(throttleStep(shared.throttle));
  const fetch = createTransport({
    options,
    counter: shared.counter,
    send: shared.send,
    steps,
    log: options.logger ? callLog(options.logger) : undefined,
  });
  const core = createClient<paths>({ baseUrl: options.baseUrl, fetch, headers: options.headers });
  if (options.middleware.length > 0) core.use(...options.middleware);
  const { throttle } = options;
  const GET = marking(core.GET, 'GET', throttle);
  return {
    request: ((method: string, url: never, init?: CallInit) =>
      core.request(method as never, url, mark(method.toUpperCase(), url, init, throttle) as never)) as never,
    GET,
    PUT: marking(core.PUT, 'PUT', throttle),
    POST: marking(core.POST, 'POST', throttle),
    DELETE: marking(core.DELETE, 'DELETE', throttle),
    OPTIONS: marking(core.OPTIONS, 'OPTIONS', throttle),
    HEAD: marking(core.HEAD, 'HEAD', throttle),
    PATCH: marking(core.PATCH, 'PATCH', throttle),
    TRACE: marking(core.TRACE, 'TRACE', throttle),
    actAs: (identity) => buildClient(shared, impersonationHeader(identity)),
    paginate: (path, init) => paginate(GET as never, path, init),
    get usage() {
      return shared.counter.usage();
    },
    toJSON: () => describe(shared, impersonation),
    [inspectSymbol]: (
      _depth: number,
      inspectOptions: unknown,
      inspect?: (value: unknown, options?: unknown) => string,
    ) =>
      `ReplyClient ${typeof inspect === 'function' ? inspect(describe(shared, impersonation), inspectOptions) : JSON.stringify(describe(shared, impersonation))}`,
  } as ReplyClient;
}

/**
 * Creates a Reply API client. `apiKey` falls back to `REPLY_API_KEY`; a missing key or an invalid option throws
 * `ReplyConfigError` here, before any request. Defaults: `replyClientDefaults`.
 */
export function createReplyClient(options?: ReplyClientOptions): ReplyClient {
  const resolved = resolveOptions(options);
  const counter = new QuotaCounter(
    resolved.monthlyQuota,
    resolved.quotaWarningRatio,
    resolved.onQuotaWarning,
  );
  const shared: Shared = {
    options: resolved,
    counter,
    throttle: new Map(),
    send: timeoutLayer(resolved.fetch),
  };
  return buildClient(shared, undefined);
}
