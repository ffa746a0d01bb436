import type { Operation } from './operations.js';

interface Route {
  template: string;
  /** Literal segments lower-cased; `null` marks a `{param}` segment. */
  segments: { literal: string | null; param: string | null }[];
  byMethod: Map<string, Operation>;
}

export type RouteMatch =
  | { kind: 'operation'; operation: Operation; pathParams: Record<string, string> }
  | { kind: 'method-not-allowed'; template: string; allow: string[] }
  | { kind: 'not-found' };

/**
 * Matches request paths against the spec's path templates. Literal segments compare case-insensitively
 * (the real API is ASP.NET, which routes case-insensitively); a literal segment beats a `{param}` one.
 */
export class Router {
  readonly #routes: Route[] = [];
  readonly #basePath: string;

  constructor(operations: Operation[], basePath = '') {
    this.#basePath = basePath.replace(/\/+$/, '').toLowerCase();
    const byTemplate = new Map<string, Route>();
    for (const operation of operations) {
      let route = byTemplate.get(operation.path);
      if (!route) {
        route = { template: operation.path, segments: splitTemplate(operation.path), byMethod: new Map() };
        byTemplate.set(operation.path, route);
        this.#routes.push(route);
      }
      route.byMethod.set(operation.method, operation);
    }
    // Most specific first: compare segment by segment, a literal before a parameter.
    this.#routes.sort((a, b) => specificity(b) - specificity(a) || a.template.localeCompare(b.template));
  }

  match(method: string, rawPath: string): RouteMatch {
    let path = rawPath;
    if (this.#basePath && path.toLowerCase().startsWith(`${this.#basePath}/`))
      path = path.slice(this.#basePath.length);
    const parts = path.split('/').slice(1);
    if (parts.length > 1 && parts.at(-1) === '') parts.pop();
    const decoded = parts.map(safeDecode);
    const lowered = decoded.map((part) => part.toLowerCase());
    for (const route of this.#routes) {
      const pathParams = matchSegments(route, decoded, lowered);
      if (!pathParams) continue;
      const operation = route.byMethod.get(method);
      if (operation) return { kind: 'operation', operation, pathParams };
      // HEAD falls back to GET like most servers do.
      const get = method === 'HEAD' ? route.byMethod.get('GET') : undefined;
      if (get) return { kind: 'operation', operation: get, pathParams };
      return { kind: 'method-not-allowed', template: route.template, allow: [...route.byMethod.keys()] };
    }
    return { kind: 'not-found' };
  }
}

function splitTemplate(template: string): Route['segments'] {
  return template
    .split('/')
    .slice(1)
    .filter((segment, index, all) => segment !== '' || index < all.length - 1)
    .map((segment) => {
      const param = /^\{([^}]+)\}$/.exec(segment)?.[1];
      return param ? { literal: null, param } : { literal: segment.toLowerCase(), param: null };
    });
}

function specificity(route: Route): number {
  // Bit per segment (first segment most significant): 1 for a literal. Ties broken by template text.
  let score = 0;
  for (const segment of route.segments.slice(0, 30)) score = score * 2 + (segment.literal === null ? 0 : 1);
  return score * 32 + Math.min(route.segments.length, 31);
}

function matchSegments(
  route: Route,
  decoded: string[],
  lowered: string[],
): Record<string, string> | undefined {
  if (route.segments.length !== decoded.length) return undefined;
  const params: Record<string, string> = {};
  for (let index = 0; index < route.segments.length; index++) {
    const segment = route.segments[index] as Route['segments'][number];
    if (segment.literal !== null) {
      if (lowered[index] !== segment.literal) return undefined;
    } else {
      if (decoded[index] === '') return undefined;
      params[segment.param as string] = decoded[index] as string;
    }
  }
  return params;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
