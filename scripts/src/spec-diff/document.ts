import { parse } from 'yaml';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Key-order-independent JSON, so `{a, b}` and `{b, a}` compare equal. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isObject(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, v[k]]),
        )
      : v,
  );
}

/** Deep equality of JSON values; object key order does not matter, array order does. */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => same(v, b[i]));
  if (!isObject(a) || !isObject(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => k in b && same(a[k], b[k]));
}

/** One side of the comparison: the parsed spec and the components its operations reached through `$ref`. */
export class SpecDocument {
  readonly reached = new Set<string>();

  constructor(
    readonly root: JsonObject,
    readonly source: string,
  ) {}

  static parse(text: string, source: string): SpecDocument {
    let root: unknown;
    try {
      root = parse(text);
    } catch (error) {
      throw new Error(`${source} is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
    }
    if (!isObject(root) || typeof root.openapi !== 'string' || !root.openapi.startsWith('3.')) {
      throw new Error(`${source} is not an OpenAPI 3.x document (no "openapi: 3.x" at the top)`);
    }
    return new SpecDocument(root, source);
  }

  /** Follows `$ref` chains inside the document; returns the target and the last component name on the way. */
  resolve(node: unknown): { value: unknown; ref: string | undefined } {
    let ref: string | undefined;
    const seen = new Set<string>();
    let current = node;
    // Keywords next to a `$ref` (3.1 allows a description or summary there) apply on top of the target.
    let siblings: JsonObject = {};
    while (isObject(current) && typeof current.$ref === 'string') {
      const { $ref, ...rest } = current;
      const pointer = String($ref);
      siblings = { ...rest, ...siblings };
      if (seen.has(pointer)) throw new Error(`${this.source}: $ref cycle through ${pointer}`);
      seen.add(pointer);
      if (!pointer.startsWith('#/')) {
        throw new Error(`${this.source}: external $ref ${pointer} is not supported (bundle the spec first)`);
      }
      const segments = pointer
        .slice(2)
        .split('/')
        .map((s) => decodeURIComponent(s).replaceAll('~1', '/').replaceAll('~0', '~'));
      let target: unknown = this.root;
      for (const segment of segments) {
        target = isObject(target) || Array.isArray(target) ? (target as JsonObject)[segment] : undefined;
      }
      if (target === undefined) throw new Error(`${this.source}: $ref ${pointer} points at nothing`);
      if (segments[0] === 'components' && segments.length === 3)
        this.reached.add(`${segments[1]}/${segments[2]}`);
      ref = segments.at(-1);
      current = target;
    }
    if (Object.keys(siblings).length > 0 && isObject(current)) current = { ...current, ...siblings };
    return { value: current, ref };
  }

  /** `resolve` for objects: anything that is not an object after resolution becomes `undefined`. */
  object(node: unknown): JsonObject | undefined {
    const { value } = this.resolve(node);
    return isObject(value) ? value : undefined;
  }
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface OperationEntry {
  /** `GET /v1/people/{}`: method plus path with parameter names blanked, so a renamed placeholder still matches. */
  key: string;
  method: string;
  path: string;
  pathItem: JsonObject;
  operation: JsonObject;
}

export function operations(doc: SpecDocument): Map<string, OperationEntry> {
  const result = new Map<string, OperationEntry>();
  const paths = isObject(doc.root.paths) ? doc.root.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    if (path.startsWith('x-')) continue;
    const pathItem = doc.object(rawItem);
    if (!pathItem) continue;
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!isObject(operation)) continue;
      const key = `${method.toUpperCase()} ${path.replace(/\{[^}]*\}/g, '{}')}`;
      result.set(key, { key, method: method.toUpperCase(), path, pathItem, operation });
    }
  }
  return result;
}
