import type { PostmanQueryParam, PostmanUrl, PostmanVariable } from './types.js';
import { descriptionText } from './types.js';

/** A request URL taken apart: where it goes (host) and what it addresses (path, query). */
export interface ParsedUrl {
  protocol: string | undefined;
  /** Host as written, placeholders kept, without protocol or port. Empty when the URL has no host. */
  host: string;
  port: string | undefined;
  /** Path segments as written (placeholders kept), without empty segments. */
  segments: string[];
  query: QueryEntry[];
  /** `url.variable`: values and descriptions of `:name` path variables. */
  pathVariables: Map<string, { value: string | undefined; description: string | undefined }>;
}

export interface QueryEntry {
  key: string;
  value: string | undefined;
  disabled: boolean;
  description: string | undefined;
}

/** A path segment turned into OpenAPI templating, plus the names of the parameters it declares. */
export interface PathTemplate {
  /** `/users/{id}` (no trailing slash, `/` for the root). */
  path: string;
  /** Parameter names in path order. */
  params: string[];
  /** The path with every parameter name blanked (`/users/{}`): requests with equal keys are one operation. */
  key: string;
}

function decode(text: string): string {
  if (!text.includes('%') && !text.includes('+')) return text;
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function parseQueryString(text: string): QueryEntry[] {
  const entries: QueryEntry[] = [];
  for (const part of text.split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const key = decode(equals === -1 ? part : part.slice(0, equals));
    const value = equals === -1 ? undefined : decode(part.slice(equals + 1));
    entries.push({ key, value, disabled: false, description: undefined });
  }
  return entries;
}

/** Parse a raw URL string such as `{{baseUrl}}/users/:id?limit=10` or `https://api.io:8080/a`. */
export function parseRawUrl(raw: string): ParsedUrl {
  let rest = raw.trim();
  const hashAt = rest.indexOf('#');
  if (hashAt !== -1) rest = rest.slice(0, hashAt);
  let protocol: string | undefined;
  const protocolMatch = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(rest);
  if (protocolMatch) {
    protocol = (protocolMatch[1] as string).toLowerCase();
    rest = rest.slice(protocolMatch[0].length);
  }
  let queryText = '';
  const queryAt = rest.indexOf('?');
  if (queryAt !== -1) {
    queryText = rest.slice(queryAt + 1);
    rest = rest.slice(0, queryAt);
  }
  let host = '';
  let port: string | undefined;
  if (!rest.startsWith('/')) {
    const slashAt = rest.indexOf('/');
    host = slashAt === -1 ? rest : rest.slice(0, slashAt);
    rest = slashAt === -1 ? '' : rest.slice(slashAt);
    const portMatch = /:(\d+)$/.exec(host);
    if (portMatch) {
      port = portMatch[1];
      host = host.slice(0, portMatch.index);
    }
  }
  return {
    protocol,
    host,
    port,
    segments: rest.split('/').filter((segment) => segment !== ''),
    query: parseQueryString(queryText),
    pathVariables: NO_PATH_VARIABLES,
  };
}

function readQuery(query: readonly PostmanQueryParam[]): QueryEntry[] {
  const entries: QueryEntry[] = [];
  for (const param of query) {
    if (param == null || typeof param !== 'object' || typeof param.key !== 'string' || param.key === '')
      continue;
    entries.push({
      key: param.key,
      value: typeof param.value === 'string' ? decode(param.value) : undefined,
      disabled: param.disabled === true,
      description: descriptionText(param.description),
    });
  }
  return entries;
}

const NO_PATH_VARIABLES: ParsedUrl['pathVariables'] = new Map();

function readPathVariables(variables: readonly PostmanVariable[] | undefined): ParsedUrl['pathVariables'] {
  if (!Array.isArray(variables) || variables.length === 0) return NO_PATH_VARIABLES;
  const result: ParsedUrl['pathVariables'] = new Map();
  for (const variable of variables) {
    const name = variable?.key ?? variable?.id;
    if (typeof name !== 'string' || name === '') continue;
    const value = variable.value == null || variable.value === '' ? undefined : String(variable.value);
    result.set(name, { value, description: descriptionText(variable.description) });
  }
  return result;
}

/** Parse a Postman `url` (a string, or an object with `raw`, `host`, `path`, `query`, `variable`). */
export function parseUrl(url: PostmanUrl | undefined | null): ParsedUrl {
  if (url == null) return parseRawUrl('');
  if (typeof url === 'string') return parseRawUrl(url);
  const hasParts = url.host !== undefined || url.path !== undefined;
  const parsed: ParsedUrl = hasParts
    ? {
        protocol: undefined,
        host: '',
        port: undefined,
        segments: [],
        query: [],
        pathVariables: NO_PATH_VARIABLES,
      }
    : parseRawUrl(typeof url.raw === 'string' ? url.raw : '');
  if (hasParts) {
    parsed.host = Array.isArray(url.host) ? url.host.join('.') : typeof url.host === 'string' ? url.host : '';
    parsed.protocol =
      typeof url.protocol === 'string' ? url.protocol.replace(/:$/, '').toLowerCase() : undefined;
    if (typeof url.port === 'string' && url.port !== '') parsed.port = url.port;
    else if (typeof url.port === 'number') parsed.port = String(url.port);
    const path = url.path;
    const segments = typeof path === 'string' ? path.split('/') : Array.isArray(path) ? path : [];
    for (const segment of segments) {
      const text =
        typeof segment === 'string' ? segment : typeof segment?.value === 'string' ? segment.value : '';
      // A segment may itself contain slashes (`{{version}}/users` typed into one box).
      if (!text.includes('/')) {
        if (text !== '') parsed.segments.push(text);
      } else {
        for (const part of text.split('/')) if (part !== '') parsed.segments.push(part);
      }
    }
    if (parsed.host === '' && parsed.segments.length === 0 && typeof url.raw === 'string') {
      const fromRaw = parseRawUrl(url.raw);
      parsed.host = fromRaw.host;
      parsed.segments = fromRaw.segments;
    }
  }
  // Otherwise the query is the one parsed from `raw` above (or none, when the URL is given in parts).
  if (Array.isArray(url.query)) parsed.query = readQuery(url.query);
  parsed.pathVariables = readPathVariables(url.variable);
  return parsed;
}

const PLACEHOLDER = /\{\{([^{}]+)\}\}/g;
const UNSAFE_NAME_CHARACTER = /[^\p{L}\p{N}_.-]/gu;

/** True for a character a path parameter name keeps as is: ASCII letter, digit, `_`, `.` or `-`. */
function isPlainNameCode(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 95 ||
    code === 46 ||
    code === 45
  );
}

/**
 * A parameter name usable in a path template: tools match `{name}` with word characters, dots and dashes,
 * so anything else (spaces, braces, slashes) becomes `_`.
 */
export function cleanName(name: string): string {
  // Most names are plain ASCII: a character scan avoids running the Unicode regex on every one.
  for (let index = 0; index < name.length; index++) {
    if (!isPlainNameCode(name.charCodeAt(index))) return name.trim().replace(UNSAFE_NAME_CHARACTER, '_');
  }
  return name;
}

/** `{{name}}` filling the whole segment, with no brace inside the name: the name, else undefined. */
function wholePlaceholder(segment: string): string | undefined {
  const end = segment.length - 2;
  if (end <= 2 || !segment.startsWith('{{') || !segment.endsWith('}}')) return undefined;
  for (let index = 2; index < end; index++) {
    const code = segment.charCodeAt(index);
    if (code === 123 || code === 125) return undefined;
  }
  return segment.slice(2, end);
}

/**
 * Turn path segments into an OpenAPI path template: `{{var}}` and `:var` become `{var}` (never the variable's
 * value), literal segments keep their case, a trailing slash disappears.
 */
export function toPathTemplate(segments: readonly string[]): PathTemplate {
  const params: string[] = [];
  let path = '';
  let key = '';
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index] as string;
    const whole = wholePlaceholder(segment);
    if (whole !== undefined || (segment.length > 1 && segment.charCodeAt(0) === 58)) {
      const name = cleanName(whole ?? segment.slice(1));
      params.push(name);
      path += `/{${name}}`;
      key += '/{}';
      continue;
    }
    if (segment.includes('{{')) {
      // A placeholder inside a literal segment (`v{{version}}`) is templated in place.
      let segmentKey = '';
      let last = 0;
      const templated = segment.replace(PLACEHOLDER, (_whole, name: string, offset: number) => {
        const clean = cleanName(name);
        params.push(clean);
        segmentKey += `${segment.slice(last, offset)}{}`;
        last = offset + _whole.length;
        return `{${clean}}`;
      });
      segmentKey += segment.slice(last);
      path += `/${templated}`;
      key += `/${segmentKey}`;
      continue;
    }
    // Braces left in a literal segment would read as templating.
    const literal = segment.includes('{') || segment.includes('}') ? segment.replace(/[{}]/g, '') : segment;
    path += `/${literal}`;
    key += `/${literal}`;
  }
  return path === '' ? { path: '/', params, key: '/' } : { path, params, key };
}
