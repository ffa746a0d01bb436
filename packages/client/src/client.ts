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
import { type PageItem, type PaginateArgs, paginate } from './paginate.js';
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
  /** Yields every item of every page of a paged operation (see `PaginateInit`); `init` is required when the operation has required parameters. */
  paginate<P extends PaginatedPath>(
    path: P,
    ...init: PaginateArgs<P>
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
  const { baseUrl, timeoutMs, maxRetries, throttle } = shared.options;
  return {
    baseUrl,
    apiKey: REDACTED,
    actingAs: impersonation ? { [impersonation.name]: REDACTED } : null,
    timeoutMs,
    maxRetries,
    throttle,
    usage: shared.counter.usage(),
  };
}

/** Paths with a throttled operation: most calls are told apart without building a `METHOD /path` key. */
const throttledPaths = new Set(Object.keys(THROTTLE_SECONDS).map((operation) => operation.split(' ')[1]));

type CallInit = ({ signal?: AbortSignal | null } & Record<string, unknown>) | undefined;

function buildClient(shared: Shared, impersonation: ImpersonationHeader | undefined): ReplyClient {
  const { options, counter } = shared;
  const { throttle, logger, middleware } = options;
  const steps: RequestStep[] = [authStep(options.apiKey), impersonationStep(impersonation)];
  if (throttle) steps.push(throttleStep(shared.throttle));
  const fetch = createTransport({
    options,
    counter,
    send: shared.send,
    steps,
    log: logger ? callLog(logger) : undefined,
  });
  const core = createClient<paths>({ baseUrl: options.baseUrl, fetch, headers: options.headers });
  if (middleware.length > 0) core.use(...middleware);
  /**
   * Marks calls that pass a signal (the transport then links it) and calls of throttled operations (their
   * `METHOD /path`), through init keys openapi-fetch copies onto the Request. Other calls pass through untouched.
   */
  const call = (verb: string, url: string, init?: CallInit) => {
    const throttled = throttle && throttledPaths.has(url) && THROTTLE_SECONDS[`${verb} ${url}`] !== undefined;
    return core.request(
      verb as never,
      url as never,
      (init?.signal || throttled
        ? {
            ...init,
            [CALLER_SIGNAL]: Boolean(init?.signal),
            [OPERATION]: throttled ? `${verb} ${url}` : undefined,
          }
        : init) as never,
    );
  };
  const describeThis = () => describe(shared, impersonation);
  const client: Record<string | symbol, unknown> = {
    request: (method: string, url: string, init?: CallInit) => call(method.toUpperCase(), url, init),
    actAs: (identity: unknown) => buildClient(shared, impersonationHeader(identity)),
    paginate: (path: PaginatedPath, init: never) => paginate(client.GET as never, path, init),
    get usage() {
      return counter.usage();
    },
    toJSON: describeThis,
    [inspectSymbol]: (
      _depth: number,
      inspectOptions: unknown,
      inspect?: (value: unknown, options?: unknown) => string,
    ) =>
      `ReplyClient ${typeof inspect === 'function' ? inspect(describeThis(), inspectOptions) : JSON.stringify(describeThis())}`,
  };
  for (const verb of ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'])
    client[verb] = (url: string, init?: CallInit) => call(verb, url, init);
  return client as unknown as ReplyClient;
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
