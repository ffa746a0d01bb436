import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleAdmin } from './admin.js';
import { type ParsedBody, parseBody } from './body.js';
import { ErrorBodies } from './error-body.js';
import { ReplyMockConfigError } from './errors.js';
import { type CannedResponse, cannedResponse, parsePrefer, statusNumber, successStatus } from './examples.js';
import {
  FaultInjector,
  type FaultKind,
  type FaultOptions,
  resolveFaultOptions,
  type ScriptedFault,
} from './faults.js';
import { type Operation, readOperations, secretHeaders } from './operations.js';
import {
  type ExecutionFilter,
  type ExecutionGroup,
  groupExecutions,
  type RecordedRequest,
  redactHeaders,
} from './recorder.js';
import { Router } from './router.js';
import { loadSpec, type SpecSource } from './spec.js';
import {
  type CompiledOperation,
  coerceParameter,
  SpecValidator,
  toIssues,
  type ValidationIssue,
  validateBody,
} from './validation.js';

export interface MockServerOptions {
  /** Port to listen on; default 0 (an ephemeral port, read it from `url`). */
  port?: number;
  /** Interface to bind; default `127.0.0.1`. */
  host?: string;
  /** OpenAPI 3.1 document or a path to a JSON/YAML file; default the curated Reply spec from `@replykit/types`. */
  spec?: SpecSource;
  /** Random faults from a seeded PRNG; default none. */
  faults?: FaultOptions;
  /** Answer 400 when a request sends both `X-User-Id` and `X-User-Email`; default `true`. */
  rejectBothImpersonationHeaders?: boolean;
  /** Request headers whose value keys the idempotency view, first present wins. */
  idempotencyHeaders?: string[];
  /**
   * Answer 429 (with `Retry-After`) when an operation with `x-reply-throttle-seconds` is executed again within
   * that many seconds for the same API key and impersonated user, as Reply does; default `false`.
   */
  enforceThrottle?: boolean;
  /** Keep at most this many recorded requests, dropping the oldest; default unlimited (the CLI keeps 10,000). */
  recordLimit?: number;
  /** Largest accepted request body in bytes; default 10 MiB. */
  maxBodyBytes?: number;
  /** Called once per API request when it is finished (responded, reset, or abandoned by the client). */
  onRequest?: (request: RecordedRequest) => void;
}

export interface MockServer {
  /** Base URL, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  /** Every API request in arrival order (admin `/__mock/*` calls are not recorded). Live: it grows. */
  readonly requests: readonly RecordedRequest[];
  /** The operations served, in spec order. */
  readonly operations: readonly { operationId: string; method: string; path: string }[];
  /** Where the spec was loaded from. */
  readonly specLocation: string;
  /** Replaces the random fault settings (and restarts the PRNG from the seed). */
  setFaults(options?: FaultOptions): void;
  /** Queues faults for the next matching requests, in order. */
  scriptFaults(...faults: (ScriptedFault | FaultKind)[]): void;
  /** Turns all faults off. */
  clearFaults(): void;
  /** Forgets the recorded requests. */
  clearRequests(): void;
  /** Executions grouped by idempotency key; `{ duplicatesOnly: true }` lists requests executed more than once. */
  executions(filter?: ExecutionFilter): ExecutionGroup[];
  /** Stops listening, ends hanging requests and open connections. */
  close(): Promise<void>;
}

export const DEFAULT_IDEMPOTENCY_HEADERS = ['idempotency-key', 'x-idempotency-key', 'x-mock-request-key'];
const IMPERSONATION_HEADERS = { userId: 'x-user-id', email: 'x-user-email' } as const;
const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

interface Served {
  operation: Operation;
  compiled: CompiledOperation;
  success: CannedResponse;
  /** Canned responses per documented status, for `Prefer: code=...`. */
  byStatus: Map<number, CannedResponse>;
}

/** Starts a Reply API mock on a real HTTP port. Rejects with `ReplyMockConfigError` for bad options or specs. */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const config = checkOptions(options);
  const { document, location } = loadSpec(options.spec);
  const operations = readOperations(document);
  const validator = new SpecValidator(document);
  const served = new Map<Operation, Served>();
  for (const operation of operations) {
    const byStatus = new Map<number, CannedResponse>();
    for (const [key, response] of Object.entries(operation.responses)) {
      byStatus.set(statusNumber(key), cannedResponse(document, statusNumber(key), response));
    }
    const successKey = successStatus(operation);
    const success =
      successKey === undefined
        ? { status: 200, contentType: undefined, examples: new Map() }
        : (byStatus.get(statusNumber(successKey)) as CannedResponse);
    served.set(operation, { operation, compiled: validator.compile(operation), success, byStatus });
  }
  const basePath = basePathOf(document.servers?.[0]?.url);
  const router = new Router(operations, basePath);
  const errors = new ErrorBodies(document, operations);
  const secrets = secretHeaders(document);
  const faults = new FaultInjector(options.faults);
  const requests: RecordedRequest[] = [];
  const hanging = new Set<ServerResponse>();
  // Throttle windows: operation + credential hash + impersonation -> time of the last execution.
  const lastExecuted = new Map<string, number>();
  let seq = 0;

  const api: Omit<MockServer, 'url' | 'port' | 'close'> = {
    requests,
    operations: operations.map(({ operationId, method, path }) => ({ operationId, method, path })),
    specLocation: location,
    setFaults: (next) => faults.configure(next),
    scriptFaults: (...next) => faults.script(next),
    clearFaults: () => faults.clear(),
    clearRequests: () => {
      requests.length = 0;
    },
    executions: (filter) => groupExecutions(requests, filter),
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://mock.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    res.setHeader('access-control-allow-origin', '*');
    let raw: Buffer;
    try {
      raw = await readBody(req, config.maxBodyBytes);
    } catch (error) {
      if ((error as Error).message === 'too-large') {
        sendJson(res, 413, { message: `request body is larger than ${config.maxBodyBytes} bytes` });
      }
      return;
    }
    if (url.pathname === '/__mock' || url.pathname.startsWith('/__mock/')) {
      handleAdmin({ req, res, url, method, raw, faults, api });
      return;
    }
    if (method === 'OPTIONS' && router.match('OPTIONS', url.pathname).kind !== 'operation') {
      res.writeHead(204, {
        'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
        'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
        'access-control-max-age': '600',
      });
      res.end();
      return;
    }

    const headers = req.headers;
    const bodyHash = raw.length > 0 ? createHash('sha256').update(raw).digest('hex') : undefined;
    const parsed = await parseBody(raw, firstValue(headers['content-type']));
    const record: RecordedRequest = {
      seq: ++seq,
      receivedAt: new Date().toISOString(),
      method,
      path: url.pathname,
      query: queryObject(url.searchParams),
      headers: redactHeaders(headers, secrets),
      body: parsed.value,
      bodyHash,
      operationId: undefined,
      pathTemplate: undefined,
      impersonation: impersonationOf(headers),
      validation: { valid: true, issues: [] },
      fault: undefined,
      throttled: false,
      executed: false,
      status: undefined,
      aborted: false,
      idempotencyKey: idempotencyKey(headers, config.idempotencyHeaders, method, url, bodyHash),
      durationMs: undefined,
    };
    requests.push(record);
    if (requests.length > config.recordLimit) requests.splice(0, requests.length - config.recordLimit);
    res.on('close', () => {
      hanging.delete(res);
      record.durationMs = Math.round((performance.now() - started) * 100) / 100;
      const resetByUs = record.fault === 'reset' || record.fault === 'reset-after-execute';
      if (!res.writableFinished && !resetByUs) record.aborted = true;
      options.onRequest?.(record);
    });
    const respond = (
      status: number,
      body: unknown,
      contentType?: string,
      extra: Record<string, string> = {},
    ) => {
      // A client that went away (e.g. during a delay) gets nothing, and nothing is recorded as sent.
      if (res.destroyed) return;
      record.status = status;
      send(res, method, status, body, contentType, extra);
    };
    const fail = (
      operation: Operation | undefined,
      status: number,
      message: string,
      extra?: Record<string, string>,
    ) => {
      const error = errors.build(operation, status, message);
      respond(status, error.body, error.contentType, extra);
    };

    const match = router.match(method, url.pathname);
    if (match.kind === 'not-found') {
      fail(undefined, 404, `No operation matches ${method} ${url.pathname}`);
      return;
    }
    if (match.kind === 'method-not-allowed') {
      fail(
        undefined,
        405,
        `${method} is not allowed on ${match.template} (allowed: ${match.allow.join(', ')})`,
        {
          allow: match.allow.join(', '),
        },
      );
      return;
    }
    const { operation, pathParams } = match;
    const entry = served.get(operation) as Served;
    record.operationId = operation.operationId;
    record.pathTemplate = operation.path;

    if (
      operation.apiKeyHeaders.length > 0 &&
      !operation.apiKeyHeaders.some((name) => nonEmpty(headers[name]))
    ) {
      fail(operation, 401, `Missing API key: send it in the ${operation.apiKeyHeaders[0]} header`);
      return;
    }

    let decision: ReturnType<FaultInjector['decide']>;
    try {
      decision = faults.decide({
        method,
        path: url.pathname,
        pathTemplate: operation.path,
        operationId: operation.operationId,
        headers,
      });
    } catch (error) {
      fail(operation, 400, (error as Error).message);
      return;
    }
    if (decision.delayMs > 0 && decision.fault !== 'hang') {
      await sleep(decision.delayMs);
      if (res.destroyed) return;
    }
    const fault = decision.fault;
    if (fault !== undefined && fault !== 'reset-after-execute') {
      record.fault = fault;
      if (fault === 'reset') {
        resetConnection(req);
      } else if (fault === 'hang') {
        hanging.add(res);
      } else if (fault === 429) {
        fail(operation, 429, `Too many requests: retry after ${decision.retryAfterSeconds} seconds`, {
          'retry-after': retryAfter(decision),
        });
      } else {
        const retry: Record<string, string> = fault === 503 ? { 'retry-after': retryAfter(decision) } : {};
        fail(operation, fault, `Injected fault: ${fault} ${STATUS_TEXT[fault]}`, retry);
      }
      return;
    }

    const issues = validate(entry, pathParams, url.searchParams, headers, parsed);
    if (
      config.rejectBothImpersonationHeaders &&
      nonEmpty(headers[IMPERSONATION_HEADERS.userId]) &&
      nonEmpty(headers[IMPERSONATION_HEADERS.email])
    ) {
      issues.push({
        in: 'header',
        field: 'X-User-Email',
        message: 'must not be sent together with X-User-Id',
      });
    }
    if (issues.length > 0) {
      record.validation = { valid: false, issues };
      fail(operation, 400, `Invalid request: ${issues.map(describeIssue).join('; ')}`);
      return;
    }

    const throttleKey = `${operation.operationId}|${credentialOf(headers, operation.apiKeyHeaders)}|${JSON.stringify(record.impersonation)}`;
    if (options.enforceThrottle && operation.throttleSeconds !== undefined) {
      const waitMs =
        (lastExecuted.get(throttleKey) ?? Number.NEGATIVE_INFINITY) +
        operation.throttleSeconds * 1000 -
        Date.now();
      if (waitMs > 0) {
        record.throttled = true;
        const seconds = Math.ceil(waitMs / 1000);
        fail(
          operation,
          429,
          `Too many requests: ${operation.operationId} accepts one call per ${operation.throttleSeconds} seconds`,
          {
            'retry-after': String(seconds),
          },
        );
        return;
      }
    }

    const prefer = parsePrefer(firstValue(headers.prefer));
    let canned = entry.success;
    if (prefer.code !== undefined) {
      const chosen = entry.byStatus.get(prefer.code);
      if (!chosen) {
        fail(operation, 400, `Prefer: code=${prefer.code} is not documented for ${operation.operationId}`);
        return;
      }
      canned = chosen;
    }
    let example = canned.examples.values().next().value;
    if (prefer.example !== undefined) {
      if (!canned.examples.has(prefer.example)) {
        const names = [...canned.examples.keys()].join(', ') || 'none';
        fail(
          operation,
          400,
          `Prefer: example=${prefer.example} is not an example of ${operation.operationId} (${names})`,
        );
        return;
      }
      example = canned.examples.get(prefer.example);
    }
    record.executed = true;
    if (operation.throttleSeconds !== undefined) lastExecuted.set(throttleKey, Date.now());
    if (fault === 'reset-after-execute') {
      record.fault = fault;
      resetConnection(req);
      return;
    }
    respond(canned.status, example, canned.contentType);
  }

  function validate(
    entry: Served,
    pathParams: Record<string, string>,
    search: URLSearchParams,
    headers: IncomingMessage['headers'],
    body: ParsedBody,
  ): ValidationIssue[] {
    const issues: ValidationIssue[] = [];
    // ASP.NET binds query parameters case-insensitively.
    const query = new Map<string, string[]>();
    for (const [name, value] of search) {
      const key = name.toLowerCase();
      query.set(key, [...(query.get(key) ?? []), value]);
    }
    for (const { parameter, schema, validate: check } of entry.compiled.parameters) {
      let raw: string | string[] | undefined;
      if (parameter.in === 'path') raw = pathParams[parameter.name];
      else if (parameter.in === 'query') raw = query.get(parameter.name.toLowerCase());
      else if (parameter.in === 'header') raw = headers[parameter.name.toLowerCase()];
      else continue;
      if (raw === undefined || (Array.isArray(raw) && raw.length === 0)) {
        if (parameter.required)
          issues.push({ in: parameter.in, field: parameter.name, message: 'is required' });
        continue;
      }
      if (!check) continue;
      const value = coerceParameter(raw, parameter, schema, (s) =>
        validator.resolveSchema(s, parameter.name),
      );
      if (!check(value)) {
        // Never echo a credential back, even when the spec also declares it as a header parameter.
        const secret = parameter.in === 'header' && secrets.has(parameter.name.toLowerCase());
        issues.push(...toIssues(parameter.in, parameter.name, check.errors, secret ? undefined : value));
      }
    }
    issues.push(
      ...validateBody(entry.compiled, body, (schema) => validator.resolveSchema(schema, 'request body')),
    );
    return issues;
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed)
        sendJson(res, 500, { message: `mock server bug: ${String(error)}` });
    });
  });
  server.keepAliveTimeout = 5_000;
  await listen(server, config.port, config.host);
  const port = (server.address() as AddressInfo).port;
  const hostForUrl = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${hostForUrl}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    ...api,
    get requests() {
      return requests;
    },
    url,
    port,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        for (const res of hanging) res.destroy();
        hanging.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

const STATUS_TEXT: Record<number, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

interface ResolvedConfig {
  port: number;
  host: string;
  rejectBothImpersonationHeaders: boolean;
  idempotencyHeaders: string[];
  maxBodyBytes: number;
  recordLimit: number;
}

function checkOptions(options: MockServerOptions): ResolvedConfig {
  if (typeof options !== 'object' || options === null) {
    throw new ReplyMockConfigError(
      `startMockServer options must be an object (got ${JSON.stringify(options)})`,
    );
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ReplyMockConfigError(
      `port must be an integer between 0 and 65535 (got ${JSON.stringify(options.port)})`,
    );
  }
  const host = options.host ?? '127.0.0.1';
  if (typeof host !== 'string' || host.trim() === '') {
    throw new ReplyMockConfigError(`host must be a non-empty string (got ${JSON.stringify(options.host)})`);
  }
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes <= 0) {
    throw new ReplyMockConfigError(
      `maxBodyBytes must be a positive integer (got ${JSON.stringify(options.maxBodyBytes)})`,
    );
  }
  const recordLimit = options.recordLimit ?? Number.POSITIVE_INFINITY;
  if (!(recordLimit === Number.POSITIVE_INFINITY || (Number.isInteger(recordLimit) && recordLimit > 0))) {
    throw new ReplyMockConfigError(
      `recordLimit must be a positive integer (got ${JSON.stringify(options.recordLimit)})`,
    );
  }
  const idempotencyHeaders = options.idempotencyHeaders ?? DEFAULT_IDEMPOTENCY_HEADERS;
  if (
    !Array.isArray(idempotencyHeaders) ||
    idempotencyHeaders.some((name) => typeof name !== 'string' || !name)
  ) {
    throw new ReplyMockConfigError(
      `idempotencyHeaders must be an array of header names (got ${JSON.stringify(options.idempotencyHeaders)})`,
    );
  }
  if (options.onRequest !== undefined && typeof options.onRequest !== 'function') {
    throw new ReplyMockConfigError('onRequest must be a function');
  }
  // Validate faults now so a bad option fails before the spec is read.
  resolveFaultOptions(options.faults);
  return {
    port,
    host,
    rejectBothImpersonationHeaders: options.rejectBothImpersonationHeaders ?? true,
    idempotencyHeaders: idempotencyHeaders.map((name) => name.toLowerCase()),
    maxBodyBytes,
    recordLimit,
  };
}

function basePathOf(serverUrl: string | undefined): string {
  if (!serverUrl) return '';
  try {
    return new URL(serverUrl, 'http://base.invalid').pathname.replace(/\/+$/, '');
  } catch {
    return '';
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(new ReplyMockConfigError(`cannot listen on ${host}:${port} (${error.code ?? error.message})`));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new Error('too-large'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
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

function describeIssue(issue: ValidationIssue): string {
  const label =
    issue.in === 'body'
      ? issue.field
        ? `request body field "${issue.field}"`
        : 'request body'
      : `${issue.in === 'header' ? 'header' : `${issue.in} parameter`} "${issue.field}"`;
  return `${label} ${issue.message}`;
}

function send(
  res: ServerResponse,
  method: string,
  status: number,
  body: unknown,
  contentType: string | undefined,
  extra: Record<string, string>,
): void {
  if (res.destroyed) return;
  const headers: Record<string, string> = { ...extra };
  let payload: string | undefined;
  if (body !== undefined && status !== 204 && status !== 304) {
    const json = contentType === undefined || contentType.toLowerCase().includes('json');
    payload = json || typeof body !== 'string' ? JSON.stringify(body) : body;
    headers['content-type'] = contentType ?? 'application/json; charset=utf-8';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  res.writeHead(status, headers);
  res.end(method === 'HEAD' ? undefined : payload);
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, 'GET', status, body, 'application/json; charset=utf-8', {});
}

function resetConnection(req: IncomingMessage): void {
  const socket = req.socket;
  // An RST (ECONNRESET at the client) where supported; a plain close otherwise.
  if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket.destroy();
}

function retryAfter(decision: { retryAfterSeconds: number; retryAfterFormat: string }): string {
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

function nonEmpty(value: string | string[] | undefined): boolean {
  const first = firstValue(value);
  return first !== undefined && first.trim() !== '';
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
