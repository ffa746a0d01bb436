import type { AuthResult, SecurityRegistry } from './auth.js';
import { type BodySample, requestBodySample } from './body.js';
import type { WarningSink } from './errors.js';
import type { HttpMethod, ServerObject } from './openapi.js';
import { headerValue, type ResponseSample, readResponses } from './response.js';
import type { PostmanAuth, PostmanHeader, PostmanItem, PostmanRequest } from './types.js';
import { descriptionText } from './types.js';
import {
  cleanName,
  type ParsedUrl,
  type PathTemplate,
  parseUrl,
  type QueryEntry,
  toPathTemplate,
} from './url.js';
import { placeholderNames, resolveVariables, type VariableValues } from './variables.js';

/** One Postman request, read into the pieces an OpenAPI operation is built from. */
export interface RequestVariant {
  name: string;
  /** Folder and request names from the root, joined with ` / ` (the location of warnings). */
  location: string;
  description: string | undefined;
  tags: readonly string[];
  method: HttpMethod;
  template: PathTemplate;
  server: ServerObject | undefined;
  pathVariables: ParsedUrl['pathVariables'];
  query: QueryEntry[];
  headers: HeaderEntry[];
  body: BodySample | undefined;
  responses: ResponseSample[];
  auth: AuthResult;
}

export interface HeaderEntry {
  key: string;
  value: string | undefined;
  disabled: boolean;
  description: string | undefined;
}

const METHODS = new Set<string>(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** Headers that describe the transport or the auth, not the operation: never header parameters. */
const TRANSPORT_HEADERS = new Set([
  'accept',
  'accept-encoding',
  'accept-language',
  'authorization',
  'cache-control',
  'connection',
  'content-length',
  'content-type',
  'cookie',
  'host',
  'postman-token',
  'user-agent',
]);

export interface RequestContext {
  warnings: WarningSink;
  variables: VariableValues;
  security: SecurityRegistry;
  /** Servers already built, by protocol + host + port (most requests share one). */
  servers?: Map<string, ServerObject | undefined>;
}

/** The `servers` entry for a request's host: variables with a value are resolved, others stay templated. */
export function serverFor(url: ParsedUrl, variables: VariableValues): ServerObject | undefined {
  if (url.host === '') return undefined;
  let base = resolveVariables(url.host, variables);
  if (url.port) base += `:${url.port}`;
  // An unresolved `{{baseUrl}}` usually stands for scheme + host: no scheme is guessed in front of it.
  const bareVariable = url.protocol === undefined && base.startsWith('{{');
  if (!bareVariable && !/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(base))
    base = `${url.protocol ?? 'http'}://${base}`;
  base = base.replace(/\/+$/, '');
  const unresolved = placeholderNames(base);
  if (unresolved.length === 0) return { url: base };
  const server: ServerObject = {
    url: base.replace(/\{\{([^{}]+)\}\}/g, (_whole, name: string) => `{${cleanName(name)}}`),
  };
  server.variables = {};
  for (const name of unresolved) {
    server.variables[cleanName(name)] = {
      default: '',
      description: `Postman variable \`{{${name}}}\`; it has no value in the collection.`,
    };
  }
  return server;
}

function cachedServer(url: ParsedUrl, context: RequestContext): ServerObject | undefined {
  const key = `${url.protocol ?? ''}|${url.host}|${url.port ?? ''}`;
  context.servers ??= new Map();
  if (context.servers.has(key)) return context.servers.get(key);
  const server = serverFor(url, context.variables);
  context.servers.set(key, server);
  return server;
}

function readHeaders(
  headers: PostmanHeader[] | string | null | undefined,
  authHeaders: Set<string>,
): HeaderEntry[] {
  const entries: HeaderEntry[] = [];
  if (!Array.isArray(headers)) return entries;
  for (const header of headers) {
    if (header == null || typeof header.key !== 'string') continue;
    const key = header.key.trim();
    const lower = key.toLowerCase();
    if (key === '' || TRANSPORT_HEADERS.has(lower) || authHeaders.has(lower)) continue;
    entries.push({
      key,
      value: typeof header.value === 'string' ? header.value : undefined,
      disabled: header.disabled === true,
      description: descriptionText(header.description),
    });
  }
  return entries;
}

/**
 * Read one request item. Returns undefined (with a warning) for requests OpenAPI 3.1 cannot express,
 * such as a `PURGE` method.
 */
export function readRequest(
  item: PostmanItem,
  location: string,
  tags: readonly string[],
  inheritedAuth: AuthResult,
  context: RequestContext,
): RequestVariant | undefined {
  const request: PostmanRequest =
    typeof item.request === 'string' ? { url: item.request, method: 'GET' } : (item.request ?? {});
  const method = (
    typeof request.method === 'string' && request.method !== '' ? request.method : 'GET'
  ).toLowerCase();
  if (!METHODS.has(method)) {
    context.warnings.add(
      'unsupported-method',
      location,
      `HTTP method ${method.toUpperCase()} cannot be expressed in OpenAPI 3.1; request left out`,
    );
    return undefined;
  }
  const url = parseUrl(request.url);
  if (url.host === '' && url.segments.length === 0 && url.query.length === 0) {
    context.warnings.add('empty-url', location, 'request has no URL; converted as path "/"');
  }
  const auth = request.auth ? context.security.read(request.auth as PostmanAuth, location) : inheritedAuth;
  const name = typeof item.name === 'string' && item.name.trim() !== '' ? item.name.trim() : '';
  return {
    name,
    location,
    description: descriptionText(request.description) ?? descriptionText(item.description),
    tags,
    method: method as HttpMethod,
    template: toPathTemplate(url.segments),
    server: cachedServer(url, context),
    pathVariables: url.pathVariables,
    query: url.query,
    headers: readHeaders(request.header, context.security.authHeaders),
    body: requestBodySample(
      request.body,
      headerValue(request.header, 'content-type'),
      location,
      context.warnings,
    ),
    responses: readResponses(item.response, location, context.warnings),
    auth,
  };
}
