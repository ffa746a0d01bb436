import type { paths } from '@replykit/types';
import createClient, { type Client } from 'openapi-fetch';
import { inspectSymbol, REDACTED } from './core/redact.js';
import type { PaginatedPath } from './generated/pagination.js';
import { authMiddleware } from './middleware/auth.js';
import { composeOnRequest } from './middleware/compose.js';
import {
  type Impersonation,
  type ImpersonationHeader,
  impersonationHeader,
  impersonationMiddleware,
} from './middleware/impersonation.js';
import { loggingMiddleware } from './middleware/logging.js';
import { type ThrottleState, throttleMiddleware } from './middleware/throttle.js';
import { type ReplyClientOptions, type ReplyUsage, type ResolvedOptions, resolveOptions } from './options.js';
import { type PageItem, type PaginateInit, paginate } from './paginate.js';
import { QuotaCounter } from './transport/quota.js';
import { CALLER_SIGNAL, createTransport } from './transport/transport.js';

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
  fetch: (request: Request) => Promise<Response>;
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

/** Marks calls that pass a signal, so the transport links it (calls without one skip that cost). */
function markSignal(init: CallInit): CallInit {
  return init?.signal ? { ...init, [CALLER_SIGNAL]: true } : init;
}

function flagSignal<Method>(method: Method): Method {
  const call = method as (url: never, init?: CallInit) => unknown;
  return ((url: never, init?: CallInit) => call(url, markSignal(init))) as Method;
}

function buildClient(shared: Shared, impersonation: ImpersonationHeader | undefined): ReplyClient {
  const { options } = shared;
  const core = createClient<paths>({
    baseUrl: options.baseUrl,
    fetch: shared.fetch,
    headers: options.headers,
  });
  const onRequest = [authMiddleware(options.apiKey), impersonationMiddleware(impersonation)];
  if (options.throttle) onRequest.push(throttleMiddleware(shared.throttle));
  core.use(composeOnRequest(onRequest));
  if (options.logger) core.use(loggingMiddleware(options.logger));
  if (options.middleware.length > 0) core.use(...options.middleware);
  const GET = flagSignal(core.GET);
  return {
    request: ((method: never, url: never, init?: CallInit) =>
      core.request(method, url, markSignal(init) as never)) as unknown as ReplyClient['request'],
    GET,
    PUT: flagSignal(core.PUT),
    POST: flagSignal(core.POST),
    DELETE: flagSignal(core.DELETE),
    OPTIONS: flagSignal(core.OPTIONS),
    HEAD: flagSignal(core.HEAD),
    PATCH: flagSignal(core.PATCH),
    TRACE: flagSignal(core.TRACE),
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
    fetch: createTransport(resolved, counter),
  };
  return buildClient(shared, undefined);
}
