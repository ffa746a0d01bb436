import { type ParsedBody, parseBody } from './body.js';
import { compileSpec } from './compiled-spec.js';
import { ReplyMockConfigError } from './errors.js';
import { firstValue, nonEmpty } from './http.js';
import type { Operation } from './operations.js';
import type { RouteMatch } from './router.js';
import type { SpecSource } from './spec.js';
import {
  type CompiledOperation,
  coerceParameter,
  type SpecValidator,
  toIssues,
  type ValidationIssue,
  validateBody,
} from './validation.js';

/**
 * The spec checks a request passes before it runs: route, API key, then parameters, impersonation headers and
 * body. The server runs them as stages (ADR 0031); `createRequestValidator` runs all of them on a fetch
 * `Request` and reports every issue at once (ADR 0026).
 */

export interface RequestValidatorOptions {
  /** OpenAPI 3.1 document or a path to a JSON/YAML file; default the curated Reply spec from `@replykit/types`. */
  spec?: SpecSource;
  /** Report a request that sends both `X-User-Id` and `X-User-Email`, as the server does; default `true`. */
  rejectBothImpersonationHeaders?: boolean;
}

/** What `createRequestValidator` says about one request. */
export interface RequestValidation {
  /** `true` when the mock server would run the operation (no 404, 405, 401 or 400). */
  valid: boolean;
  /** Every reason the request does not match the spec, in the server's order; empty when valid. */
  issues: ValidationIssue[];
  /** The operation the method and path matched, `undefined` when none did. */
  operation: { operationId: string; method: string; path: string } | undefined;
}

/** Checks one fetch `Request` against the spec; reads a clone of the body, so the request stays usable. */
export type RequestValidator = (request: Request) => Promise<RequestValidation>;

/** Lower-case header names, as node:http gives them. */
export type RequestHeaders = Record<string, string | string[] | undefined>;

/** What the spec checks need from the compiled spec, whether the server or a validator runs them. */
export interface CheckContext {
  validator: SpecValidator;
  secrets: ReadonlySet<string>;
  rejectBothImpersonationHeaders: boolean;
}

export const IMPERSONATION_HEADERS = { userId: 'x-user-id', email: 'x-user-email' } as const;

/**
 * Validates fetch `Request`s against the spec with the mock server's own rules: routing (404/405), the API key
 * (401) and parameter, header and body validation (400). Throws `ReplyMockConfigError` for bad options or spec.
 */
export function createRequestValidator(options: RequestValidatorOptions = {}): RequestValidator {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ReplyMockConfigError(
      `createRequestValidator options must be an object (got ${JSON.stringify(options)})`,
    );
  }
  const rejectBoth = options.rejectBothImpersonationHeaders ?? true;
  if (typeof rejectBoth !== 'boolean') {
    throw new ReplyMockConfigError(
      `rejectBothImpersonationHeaders must be a boolean (got ${JSON.stringify(rejectBoth)})`,
    );
  }
  const spec = compileSpec(options.spec);
  const context: CheckContext = {
    validator: spec.validator,
    secrets: spec.secrets,
    rejectBothImpersonationHeaders: rejectBoth,
  };
  return async (request) => {
    const { method, url, headers } = readRequest(request);
    const match = spec.router.match(method, url.pathname);
    if (match.kind !== 'operation') {
      return { valid: false, issues: [routeMiss(match, method, url.pathname)], operation: undefined };
    }
    const { operation, pathParams } = match;
    const compiled = spec.served.get(operation)?.compiled as CompiledOperation;
    const issues: ValidationIssue[] = [];
    const keyHeader = missingApiKey(operation, headers);
    if (keyHeader !== undefined) issues.push({ in: 'header', field: keyHeader, message: 'is required' });
    const body = await parseBody(await readBody(request), firstValue(headers['content-type']));
    issues.push(...checkRequest(context, compiled, { url, headers, body, pathParams }));
    const { operationId, path } = operation;
    return { valid: issues.length === 0, issues, operation: { operationId, method: operation.method, path } };
  };
}

/** The issue for a request no operation takes: the server's 404 or 405. */
export function routeMiss(
  match: Exclude<RouteMatch, { kind: 'operation' }>,
  method: string,
  path: string,
): ValidationIssue {
  if (match.kind === 'not-found') {
    return { in: 'path', field: '', message: `matches no operation (${method} ${path})` };
  }
  const allow = match.allow.join(', ');
  return { in: 'path', field: '', message: `${match.template} does not allow ${method} (allowed: ${allow})` };
}

/** The API key header the operation needs but did not get (the server's 401), else `undefined`. */
export function missingApiKey(operation: Operation, headers: RequestHeaders): string | undefined {
  const names = operation.apiKeyHeaders;
  if (names.length === 0 || names.some((name) => nonEmpty(headers[name]))) return undefined;
  return names[0];
}

/** Parameters, impersonation headers and body against the operation (the server's 400). */
export function checkRequest(
  context: CheckContext,
  compiled: CompiledOperation,
  request: { url: URL; headers: RequestHeaders; body: ParsedBody; pathParams: Record<string, string> },
): ValidationIssue[] {
  const { validator, secrets } = context;
  const { headers } = request;
  const issues: ValidationIssue[] = [];
  // ASP.NET binds query parameters case-insensitively.
  const query = new Map<string, string[]>();
  for (const [name, value] of request.url.searchParams) {
    const key = name.toLowerCase();
    query.set(key, [...(query.get(key) ?? []), value]);
  }
  for (const { parameter, schema, validate } of compiled.parameters) {
    let raw: string | string[] | undefined;
    if (parameter.in === 'path') raw = request.pathParams[parameter.name];
    else if (parameter.in === 'query') raw = query.get(parameter.name.toLowerCase());
    else if (parameter.in === 'header') raw = headers[parameter.name.toLowerCase()];
    else continue;
    if (raw === undefined || (Array.isArray(raw) && raw.length === 0)) {
      if (parameter.required)
        issues.push({ in: parameter.in, field: parameter.name, message: 'is required' });
      continue;
    }
    if (!validate) continue;
    const value = coerceParameter(raw, parameter, schema, (s) => validator.resolveSchema(s, parameter.name));
    if (!validate(value)) {
      // Never echo a credential back, even when the spec also declares it as a header parameter.
      const secret = parameter.in === 'header' && secrets.has(parameter.name.toLowerCase());
      issues.push(...toIssues(parameter.in, parameter.name, validate.errors, secret ? undefined : value));
    }
  }
  issues.push(...validateBody(compiled, request.body, (s) => validator.resolveSchema(s, 'request body')));
  if (
    context.rejectBothImpersonationHeaders &&
    nonEmpty(headers[IMPERSONATION_HEADERS.userId]) &&
    nonEmpty(headers[IMPERSONATION_HEADERS.email])
  ) {
    issues.push({ in: 'header', field: 'X-User-Email', message: 'must not be sent together with X-User-Id' });
  }
  return issues;
}

/** One issue as the server's 400 message words it, e.g. `query parameter "page" must be integer (got "x")`. */
export function describeIssue(issue: ValidationIssue): string {
  if (issue.in === 'body')
    return issue.field
      ? `request body field "${issue.field}" ${issue.message}`
      : `request body ${issue.message}`;
  if (issue.field === '') return `${issue.in} ${issue.message}`;
  const where = issue.in === 'header' ? 'header' : `${issue.in} parameter`;
  return `${where} "${issue.field}" ${issue.message}`;
}

function readRequest(request: Request): { method: string; url: URL; headers: RequestHeaders } {
  const candidate = request as Partial<Request> | null | undefined;
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    typeof candidate.method !== 'string' ||
    typeof candidate.url !== 'string' ||
    typeof candidate.headers?.forEach !== 'function' ||
    typeof candidate.clone !== 'function'
  ) {
    const got = candidate === null ? 'null' : typeof candidate === 'object' ? 'an object' : typeof candidate;
    throw new ReplyMockConfigError(`request validator: expected a fetch Request (got ${got})`);
  }
  let url: URL;
  try {
    url = new URL(candidate.url);
  } catch {
    throw new ReplyMockConfigError(
      `request validator: request.url is not an absolute URL (got ${candidate.url})`,
    );
  }
  const headers: RequestHeaders = {};
  // Headers joins repeated values with ", " and lower-cases names, like node:http does.
  candidate.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return { method: candidate.method.toUpperCase(), url, headers };
}

async function readBody(request: Request): Promise<Buffer> {
  if (request.body === null) return Buffer.alloc(0);
  if (request.bodyUsed) {
    throw new ReplyMockConfigError(
      `request validator: the body of ${request.method} ${new URL(request.url).pathname} was already read; validate the request before reading it`,
    );
  }
  return Buffer.from(await request.clone().arrayBuffer());
}
