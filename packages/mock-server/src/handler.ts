import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ParsedBody, parseBody } from './body.js';
import type { ErrorBodies } from './error-body.js';
import { type CannedResponse, parsePrefer, SYNTHESIZED_EXAMPLE } from './examples.js';
import type { FaultDecision, FaultInjector } from './faults.js';
import { firstValue, resetConnection, send, sleep } from './http.js';
import type { Operation } from './operations.js';
import type { ResolvedOptions } from './options.js';
import { buildPage, isEnvelopeValue, type PageEnvelope, pagingIssues } from './page-envelope.js';
import { type RecordedRequest, redactHeaders } from './recorder.js';
import { checkRequest, describeIssue, IMPERSONATION_HEADERS, missingApiKey } from './request-validator.js';
import type { Router } from './router.js';
import type { CompiledOperation, SpecValidator } from './validation.js';

/** An operation ready to serve: its compiled validators and canned responses. */
export interface ServedOperation {
  operation: Operation;
  compiled: CompiledOperation;
  success: CannedResponse;
  /** Canned responses per documented status, for `Prefer: code=...`. */
  byStatus: Map<number, CannedResponse>;
  /** Set for page-envelope operations: how they page, and an item for examples without any. */
  paging: { envelope: PageEnvelope; fallbackItem: unknown } | undefined;
}

/** The runtime paging setting (`pagedItems` option, `setPagedItems`, `/__mock/paging`). */
export interface PagingState {
  /** Items each page-envelope operation holds; `undefined`: answer the examples as they are. */
  pagedItems: number | undefined;
  /** The server's own URL, for links when a request has no usable `Host` header. */
  origin: string;
}

export interface HandlerContext {
  options: ResolvedOptions;
  router: Router;
  served: Map<Operation, ServedOperation>;
  errors: ErrorBodies;
  secrets: ReadonlySet<string>;
  faults: FaultInjector;
  validator: SpecValidator;
  requests: RecordedRequest[];
  /** Responses held open by the `hang` fault, ended by `close()`. */
  hanging: Set<ServerResponse>;
  paging: PagingState;
}

/** One request on its way through the pipeline. */
interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  method: string;
  body: ParsedBody;
  record: RecordedRequest;
}

const MAX_ISSUES_IN_MESSAGE = 8;
const STATUS_TEXT: Record<number, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/**
 * Answers API requests in fixed stages (ADR 0031): record, route, authenticate, fault, validate, throttle,
 * execute. The first stage that answers ends the request.
 */
export class ApiHandler {
  readonly #context: HandlerContext;
  // Throttle windows: operation + credential hash + impersonation -> time of the last execution.
  readonly #lastExecuted = new Map<string, number>();
  #seq = 0;

  constructor(context: HandlerContext) {
    this.#context = context;
  }

  async handle(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    method: string,
    raw: Buffer,
  ): Promise<void> {
    const { router } = this.#context;
    if (method === 'OPTIONS' && router.match('OPTIONS', url.pathname).kind !== 'operation') {
      res.writeHead(204, {
        'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
        'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
        'access-control-max-age': '600',
      });
      res.end();
      return;
    }
    const started = performance.now();
    const body = await parseBody(raw, firstValue(req.headers['content-type']));
    const exchange: Exchange = {
      req,
      res,
      url,
      method,
      body,
      record: this.#record(req, url, method, raw, body),
    };
    res.on('close', () => this.#finish(exchange, started));

    const match = router.match(method, url.pathname);
    if (match.kind === 'not-found') {
      this.#fail(exchange, undefined, 404, `No operation matches ${method} ${url.pathname}`);
      return;
    }
    if (match.kind === 'method-not-allowed') {
      const allow = match.allow.join(', ');
      this.#fail(
        exchange,
        undefined,
        405,
        `${method} is not allowed on ${match.template} (allowed: ${allow})`,
        {
          allow,
        },
      );
      return;
    }
    const served = this.#context.served.get(match.operation) as ServedOperation;
    exchange.record.operationId = served.operation.operationId;
    exchange.record.pathTemplate = served.operation.path;

    if (!this.#authenticate(exchange, served.operation)) return;
    const decision = await this.#injectFault(exchange, served.operation);
    if (!decision) return;
    if (!this.#validate(exchange, served, match.pathParams)) return;
    const throttleKey = this.#throttle(exchange, served.operation);
    if (throttleKey === undefined) return;
    this.#execute(exchange, served, decision, throttleKey);
  }

  /** Links point where the client reached the mock (its `Host`), else at the server's own URL. */
  #origin(req: IncomingMessage): string {
    const host = firstValue(req.headers.host);
    if (host !== undefined && /^[\w.\-~%]+(:\d+)?$|^\[[\da-f:.]+\](:\d+)?$/i.test(host)) {
      try {
        return new URL(`http://${host}`).origin;
      } catch {
        // Not a host after all: fall through.
      }
    }
    return this.#context.paging.origin;
  }

  #record(req: IncomingMessage, url: URL, method: string, raw: Buffer, body: ParsedBody): RecordedRequest {
    const { options, requests, secrets } = this.#context;
    const bodyHash = raw.length > 0 ? createHash('sha256').update(raw).digest('hex') : undefined;
    const record: RecordedRequest = {
      seq: ++this.#seq,
      receivedAt: new Date().toISOString(),
      method,
      path: url.pathname,
      query: queryObject(url.searchParams),
      headers: redactHeaders(req.headers, secrets),
      body: body.value,
      bodyHash,
      operationId: undefined,
      pathTemplate: undefined,
      impersonation: impersonationOf(req.headers),
      validation: { valid: true, issues: [] },
      fault: undefined,
      throttled: false,
      executed: false,
      status: undefined,
      aborted: false,
      idempotencyKey: idempotencyKey(req.headers, options.idempotencyHeaders, method, url, bodyHash),
      durationMs: undefined,
    };
    requests.push(record);
    if (requests.length > options.recordLimit) requests.splice(0, requests.length - options.recordLimit);
    return record;
  }

  #finish({ res, record }: Exchange, started: number): void {
    this.#context.hanging.delete(res);
    record.durationMs = Math.round((performance.now() - started) * 100) / 100;
    const resetByUs = record.fault === 'reset' || record.fault === 'reset-after-execute';
    if (!res.writableFinished && !resetByUs) record.aborted = true;
    this.#context.options.onRequest?.(record);
  }

  #respond(
    exchange: Exchange,
    status: number,
    body: unknown,
    contentType?: string,
    extra?: Record<string, string>,
  ) {
    // A client that went away (e.g. during a delay) gets nothing, and nothing is recorded as sent.
    if (exchange.res.destroyed) return;
    exchange.record.status = status;
    send(exchange.res, exchange.method, status, body, contentType, extra);
  }

  #fail(
    exchange: Exchange,
    operation: Operation | undefined,
    status: number,
    message: string,
    extra?: Record<string, string>,
  ): void {
    const error = this.#context.errors.build(operation, status, message);
    this.#respond(exchange, status, error.body, error.contentType, extra);
  }

  #authenticate(exchange: Exchange, operation: Operation): boolean {
    const missing = missingApiKey(operation, exchange.req.headers);
    if (missing === undefined) return true;
    this.#fail(exchange, operation, 401, `Missing API key: send it in the ${missing} header`);
    return false;
  }

  /** Applies the delay and any fault; resolves with the decision when the request goes on, else `undefined`. */
  async #injectFault(exchange: Exchange, operation: Operation): Promise<FaultDecision | undefined> {
    const { req, res, url, method, record } = exchange;
    let decision: FaultDecision;
    try {
      decision = this.#context.faults.decide({
        method,
        path: url.pathname,
        pathTemplate: operation.path,
        operationId: operation.operationId,
        headers: req.headers,
      });
    } catch (error) {
      this.#fail(exchange, operation, 400, (error as Error).message);
      return undefined;
    }
    const fault = decision.fault;
    if (decision.delayMs > 0 && fault !== 'hang') {
      await sleep(decision.delayMs);
      if (res.destroyed) return undefined;
    }
    if (fault === undefined || fault === 'reset-after-execute') return decision;
    record.fault = fault;
    if (fault === 'reset') {
      resetConnection(req);
    } else if (fault === 'hang') {
      this.#context.hanging.add(res);
    } else if (fault === 429) {
      this.#fail(
        exchange,
        operation,
        429,
        `Too many requests: retry after ${decision.retryAfterSeconds} seconds`,
        {
          'retry-after': retryAfter(decision),
        },
      );
    } else {
      const extra: Record<string, string> = fault === 503 ? { 'retry-after': retryAfter(decision) } : {};
      this.#fail(exchange, operation, fault, `Injected fault: ${fault} ${STATUS_TEXT[fault]}`, extra);
    }
    return undefined;
  }

  #validate(exchange: Exchange, served: ServedOperation, pathParams: Record<string, string>): boolean {
    const { validator, secrets, options } = this.#context;
    const context = {
      validator,
      secrets,
      rejectBothImpersonationHeaders: options.rejectBothImpersonationHeaders,
    };
    const { url, req, body } = exchange;
    const issues = checkRequest(context, served.compiled, { url, headers: req.headers, body, pathParams });
    if (served.paging && this.#context.paging.pagedItems !== undefined) {
      issues.push(...pagingIssues(served.paging.envelope, url));
    }
    if (issues.length === 0) return true;
    exchange.record.validation = { valid: false, issues };
    // The message stays readable; the recording keeps every issue.
    const shown = issues.slice(0, MAX_ISSUES_IN_MESSAGE).map(describeIssue).join('; ');
    const more =
      issues.length > MAX_ISSUES_IN_MESSAGE ? ` (and ${issues.length - MAX_ISSUES_IN_MESSAGE} more)` : '';
    this.#fail(exchange, served.operation, 400, `Invalid request: ${shown}${more}`);
    return false;
  }

  /** With `enforceThrottle`, answers 429 inside an operation's throttle window; else returns the window key. */
  #throttle(exchange: Exchange, operation: Operation): string | undefined {
    const { req, record } = exchange;
    const key = `${operation.operationId}|${credentialOf(req.headers, operation.apiKeyHeaders)}|${JSON.stringify(record.impersonation)}`;
    if (!this.#context.options.enforceThrottle || operation.throttleSeconds === undefined) return key;
    const last = this.#lastExecuted.get(key) ?? Number.NEGATIVE_INFINITY;
    const waitMs = last + operation.throttleSeconds * 1000 - Date.now();
    if (waitMs <= 0) return key;
    record.throttled = true;
    const message = `Too many requests: ${operation.operationId} accepts one call per ${operation.throttleSeconds} seconds`;
    this.#fail(exchange, operation, 429, message, { 'retry-after': String(Math.ceil(waitMs / 1000)) });
    return undefined;
  }

  /** Picks the example (`Prefer: code=..., example=...`), marks the request executed and answers. */
  #execute(exchange: Exchange, served: ServedOperation, decision: FaultDecision, throttleKey: string): void {
    const { operation } = served;
    const prefer = parsePrefer(firstValue(exchange.req.headers.prefer));
    let canned = served.success;
    if (prefer.code !== undefined) {
      const chosen = served.byStatus.get(prefer.code);
      if (!chosen) {
        this.#fail(
          exchange,
          operation,
          400,
          `Prefer: code=${prefer.code} is not documented for ${operation.operationId}`,
        );
        return;
      }
      canned = chosen;
    }
    let example = canned.examples.values().next().value;
    // An error status the spec documents without an example: the body in the spec's error shape, saying what the
    // status means (the response's description), not a value built from unrelated property examples.
    if (canned.status >= 400 && prefer.example === undefined && canned.examples.has(SYNTHESIZED_EXAMPLE)) {
      const described = operation.responses[String(canned.status)]?.description;
      example = this.#context.errors.build(
        operation,
        canned.status,
        described || `Status ${canned.status}`,
      ).body;
    }
    if (prefer.example !== undefined) {
      if (!canned.examples.has(prefer.example)) {
        const names = [...canned.examples.keys()].join(', ') || 'none';
        const message = `Prefer: example=${prefer.example} is not an example of ${operation.operationId} (${names})`;
        this.#fail(exchange, operation, 400, message);
        return;
      }
      example = canned.examples.get(prefer.example);
    }
    const { pagedItems } = this.#context.paging;
    if (served.paging && pagedItems !== undefined && canned.status === 200) {
      const { envelope, fallbackItem } = served.paging;
      // Without `Prefer: example=`, the first example that is a page seeds the items; a named one that is not a
      // page (e.g. a single contact) is answered as it is.
      const seed =
        prefer.example !== undefined
          ? example
          : [...canned.examples.values()].find((value) => isEnvelopeValue(envelope, value));
      if (isEnvelopeValue(envelope, seed)) {
        const request = { url: exchange.url, origin: this.#origin(exchange.req), pagedItems };
        example = buildPage(envelope, seed, fallbackItem, request);
      }
    }
    exchange.record.executed = true;
    if (operation.throttleSeconds !== undefined) this.#lastExecuted.set(throttleKey, Date.now());
    if (decision.fault === 'reset-after-execute') {
      exchange.record.fault = decision.fault;
      resetConnection(exchange.req);
      return;
    }
    this.#respond(exchange, canned.status, example, canned.contentType);
  }
}

function queryObject(search: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of search) {
    const previous = out[name];
    out[name] =
      previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return out;
}

function impersonationOf(headers: IncomingMessage['headers']): RecordedRequest['impersonation'] {
  const out: RecordedRequest['impersonation'] = {};
  const userId = firstValue(headers[IMPERSONATION_HEADERS.userId]);
  const email = firstValue(headers[IMPERSONATION_HEADERS.email]);
  if (userId !== undefined) out.userId = userId;
  if (email !== undefined) out.email = email;
  return out;
}

function idempotencyKey(
  headers: IncomingMessage['headers'],
  names: string[],
  method: string,
  url: URL,
  bodyHash: string | undefined,
): string {
  for (const name of names) {
    const value = firstValue(headers[name]);
    if (value) return `${name}:${value}`;
  }
  return `${method} ${url.pathname}${url.search} body:${bodyHash ?? '-'}`;
}

function retryAfter(decision: FaultDecision): string {
  if (decision.retryAfterFormat === 'http-date') {
    return new Date(Date.now() + decision.retryAfterSeconds * 1000).toUTCString();
  }
  return String(decision.retryAfterSeconds);
}

/** A hash of the API key, so throttle windows are per key without keeping the key itself. */
function credentialOf(headers: IncomingMessage['headers'], names: string[]): string {
  const key = names.map((name) => firstValue(headers[name])).find((value) => value !== undefined) ?? '';
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}
