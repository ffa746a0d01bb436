import {
  AuthenticationError,
  createReplyClient,
  type FetchLike,
  ReplyApiError,
  ReplyConfigError,
  ReplyConnectionError,
  ReplyError,
  ReplyTimeoutError,
  unwrap,
} from '@replykit/client';
import {
  CANARY_API_KEY,
  IMPERSONATED_EMAIL,
  IMPERSONATION_PATH,
  RETRY_OPERATION,
  TIMEOUT_STEP,
} from './scenario.js';

/**
 * The smoke scenario: the built `@replykit/client` against a running mock server, on whatever runtime loads
 * this module. It uses only web APIs (the bundle fails to build on a Node built-in import) and reports facts,
 * not verdicts: the test decides what is right from them and from what the mock server recorded.
 */

/** What a thrown error looked like from the outside. */
export interface ErrorFacts {
  name: string;
  message: string;
  /** `status` of a `ReplyApiError`, else null. */
  status: number | null;
  /** The client's error classes this error is an `instanceof`, in the order of `errorClasses`. */
  classes: string[];
  /** `JSON.stringify(error)`, `String(error)` and `error.stack`: where a key must never show. */
  json: string;
  text: string;
  stack: string;
}

/** A step that threw where it should not have (or did not throw where it should). */
export interface Unexpected {
  unexpected: string;
}

export type Step<T> = T | Unexpected;

export interface SmokeResult {
  /** The runtime as it names itself, and which non-web globals it has. */
  runtime: { name: string; version: string; globals: Record<(typeof probedGlobals)[number], boolean> };
  /** `createReplyClient` with no `apiKey` (and no `REPLY_API_KEY` in the environment, if there is one). */
  noKey: Step<ErrorFacts>;
  /** `GET /v1/people?page=1&limit=10`: status, number of contacts, first e-mail (typed access). */
  typedGet: Step<{ status: number; people: number; firstEmail: string }>;
  /** `unwrap` of a call whose `x-api-key` a fetch wrapper removed: the mock's own 401. */
  missingKey: Step<ErrorFacts>;
  /** `unwrap` of a call the mock answers with its documented 401 (`Prefer: code=401`), as a revoked key gets. */
  badKey: Step<ErrorFacts>;
  /** `actAs({ email })` then a call: its status (the test reads the impersonation from the recordings). */
  actAs: Step<{ status: number }>;
  /** A GET whose first attempt the harness made fail with 503: the status the caller finally gets. */
  retry: Step<{ status: number }>;
  /** A call with a per-call `timeoutMs` against a delayed answer, and how long it took to give up. */
  timeout: Step<ErrorFacts & { elapsedMs: number }>;
  /** `paginate('/v1/people')`: every contact's e-mail, in order. */
  paginate: Step<{ emails: string[] }>;
}

const errorClasses = {
  ReplyError,
  ReplyApiError,
  AuthenticationError,
  ReplyConnectionError,
  ReplyTimeoutError,
  ReplyConfigError,
} as const;

/** Globals that tell runtimes apart; an edge runtime must have none of the Node ones. */
const probedGlobals = [
  'process',
  'require',
  'Buffer',
  'Deno',
  'Bun',
  'window',
  'document',
  'EdgeRuntime',
] as const;

export interface SmokeInput {
  /** The mock server's origin, e.g. `http://127.0.0.1:4010`. */
  mockUrl: string;
  /** Defaults to `CANARY_API_KEY`. */
  apiKey?: string;
}

/** Runs every step in order; a step that fails is reported and the next one still runs. */
export async function runSmoke({ mockUrl, apiKey = CANARY_API_KEY }: SmokeInput): Promise<SmokeResult> {
  // Fast retries: the mock's Retry-After is 0 and nothing here tests the backoff itself.
  const reply = createReplyClient({ apiKey, baseUrl: mockUrl, retryDelayMs: 5, maxRetryDelayMs: 20 });
  return {
    runtime: describeRuntime(),
    noKey: await thrown(async () => createReplyClient({ baseUrl: mockUrl })),
    typedGet: await step(async () => {
      const { data, error, response } = await reply.GET('/v1/people', {
        params: { query: { page: 1, limit: 10 } },
      });
      if (error !== undefined || data === undefined) throw new Error(`status ${response.status}`);
      if (!('people' in data)) throw new Error('the answer is a single contact, not a page');
      return { status: response.status, people: data.people.length, firstEmail: data.people[0]?.email ?? '' };
    }),
    missingKey: await thrown(() => {
      const dropKey: FetchLike = (request, init) => {
        request.headers.delete('x-api-key');
        return fetch(request, init);
      };
      const keyless = createReplyClient({ apiKey, baseUrl: mockUrl, fetch: dropKey, maxRetries: 0 });
      return unwrap(keyless.GET('/v1/people'));
    }),
    badKey: await thrown(() =>
      unwrap(reply.GET('/v1/people', { headers: { prefer: 'code=401' }, maxRetries: 0 })),
    ),
    actAs: await step(async () => {
      const asJane = reply.actAs({ email: IMPERSONATED_EMAIL });
      const { response } = await asJane.GET(IMPERSONATION_PATH);
      return { status: response.status };
    }),
    retry: await step(async () => {
      const { response } = await reply.GET(RETRY_OPERATION.path);
      return { status: response.status };
    }),
    timeout: await step(async () => {
      const started = Date.now();
      const facts = await thrown(() =>
        unwrap(
          reply.GET(TIMEOUT_STEP.path, {
            headers: { 'x-mock-delay-ms': String(TIMEOUT_STEP.delayMs) },
            timeoutMs: TIMEOUT_STEP.timeoutMs,
            maxRetries: 0,
          }),
        ),
      );
      if ('unexpected' in facts) throw new Error(facts.unexpected);
      return { ...facts, elapsedMs: Date.now() - started };
    }),
    paginate: await step(async () => {
      const emails: string[] = [];
      for await (const contact of reply.paginate('/v1/people', { params: { query: { limit: 100 } } })) {
        emails.push(contact.email);
      }
      return { emails };
    }),
  };
}

async function step<T>(run: () => Promise<T>): Promise<Step<T>> {
  try {
    return await run();
  } catch (error) {
    return { unexpected: describe(error) };
  }
}

/** The facts of the error `run` rejects with; resolving is unexpected. */
async function thrown(run: () => Promise<unknown>): Promise<Step<ErrorFacts>> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof Error)) return { unexpected: `threw a non-Error: ${describe(error)}` };
    return {
      name: error.name,
      message: error.message,
      status: error instanceof ReplyApiError ? error.status : null,
      classes: Object.entries(errorClasses)
        .filter(([, type]) => error instanceof type)
        .map(([name]) => name),
      json: JSON.stringify(error),
      text: String(error),
      stack: String(error.stack),
    };
  }
  return { unexpected: 'resolved, but an error was expected' };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function describeRuntime(): SmokeResult['runtime'] {
  const scope = globalThis as Record<string, unknown> & {
    Deno?: { version: { deno: string } };
    Bun?: { version: string };
    EdgeRuntime?: string;
    navigator?: { userAgent?: string };
    process?: { versions?: { node?: string } };
  };
  const globals = Object.fromEntries(
    probedGlobals.map((name) => [name, scope[name] !== undefined]),
  ) as Record<(typeof probedGlobals)[number], boolean>;
  const [name, version] = scope.Deno
    ? ['deno', scope.Deno.version.deno]
    : scope.Bun
      ? ['bun', scope.Bun.version]
      : typeof scope.EdgeRuntime === 'string'
        ? ['edge-runtime', scope.EdgeRuntime]
        : globals.window
          ? ['browser', scope.navigator?.userAgent ?? '']
          : ['node', scope.process?.versions?.node ?? ''];
  return { name, version, globals };
}
