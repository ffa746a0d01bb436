import { type AuthResult, SecurityRegistry } from './auth.js';
import { readCollection, type SchemaVersion } from './collection.js';
import { type ConversionWarning, WarningSink } from './errors.js';
import { type TagNaming, TagRegistry, walkItems } from './folder.js';
import { copyRequirement, copyServer, mergeVariants } from './merge.js';
import type {
  HttpMethod,
  OpenApiDocument,
  OperationObject,
  PathItemObject,
  ServerObject,
  TagObject,
} from './openapi.js';
import { OperationIdRegistry } from './operation-id.js';
import type { RequestVariant } from './request.js';
import { setEntry } from './schema-inference.js';
import type { PostmanCollection } from './types.js';
import { descriptionText } from './types.js';
import { readVariables } from './variables.js';

export interface ConvertOptions {
  /** How nested folders name tags: `'leaf'` (default, the innermost folder) or `'chain'` (`Parent > Child`). */
  tagNaming?: TagNaming;
  /** Where the input came from, used in error messages (default `<input>`). */
  source?: string;
}

export interface ConvertResult {
  /** An OpenAPI 3.1.0 document (plain JSON-compatible object, keys in a stable order). */
  document: OpenApiDocument;
  /** Non-fatal problems in collection order. */
  warnings: ConversionWarning[];
  /** The collection schema version that was read. */
  version: SchemaVersion;
  /** How many Postman requests were read (including ones left out with a warning). */
  requestCount: number;
}

const METHOD_ORDER: HttpMethod[] = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function infoVersion(version: PostmanCollection['info']['version']): string {
  if (typeof version === 'string' && version.trim() !== '') return version.trim();
  if (version && typeof version === 'object') {
    const { major, minor, patch, identifier } = version;
    if (typeof major === 'number') {
      return `${major}.${minor ?? 0}.${patch ?? 0}${identifier ? `-${identifier}` : ''}`;
    }
  }
  return '1.0.0';
}

function countRequests(items: readonly unknown[]): number {
  let count = 0;
  for (const item of items) {
    if (item == null || typeof item !== 'object') continue;
    const children = (item as { item?: unknown }).item;
    if (Array.isArray(children)) count += countRequests(children);
    else if ((item as { request?: unknown }).request !== undefined) count++;
  }
  return count;
}

/** Group variants by method + normalized path and give each path one spelling of its parameter names. */
function groupVariants(variants: readonly RequestVariant[], warnings: WarningSink) {
  const canonical = new Map<string, { path: string; params: string[] }>();
  const groups = new Map<string, RequestVariant[]>();
  for (const variant of variants) {
    let path = canonical.get(variant.template.key);
    if (path === undefined) {
      // Two parameters of one path cannot share a name; the later one gets a numeric suffix.
      const own = variant.template.params;
      let params = own;
      for (let position = 1; position < own.length && params === own; position++) {
        if (own.lastIndexOf(own[position] as string, position - 1) !== -1) params = [];
      }
      if (params !== own) {
        for (const name of own) {
          let unique = name;
          for (let suffix = 2; params.includes(unique); suffix++) unique = `${name}${suffix}`;
          if (unique !== name) {
            warnings.add(
              'path-param-renamed',
              variant.location,
              `second path parameter "${name}" renamed to "${unique}"`,
            );
          }
          params.push(unique);
        }
      }
      // A path without parameters has no braces left (literal ones are stripped): its key is its path.
      let index = 0;
      const template =
        params.length === 0
          ? variant.template.key
          : variant.template.key.replace(/\{\}/g, () => `{${params[index++]}}`);
      path = { path: template, params };
      canonical.set(variant.template.key, path);
    } else if (path.path !== variant.template.path) {
      warnings.add(
        'path-param-renamed',
        variant.location,
        `path ${variant.template.path} written as ${path.path}: one path, one spelling of its parameter names`,
      );
    }
    const key = `${variant.method} ${variant.template.key}`;
    const group = groups.get(key);
    if (group) group.push(variant);
    else groups.set(key, [variant]);
  }
  return { canonical, groups };
}

/**
 * Convert a Postman collection (parsed object or JSON text; v2.0.0 or v2.1.0, optionally wrapped in
 * `{ "collection": ... }`) into an OpenAPI 3.1.0 document. Throws `CollectionError` for input that is not a
 * collection; everything else is converted, with warnings for what could not be expressed exactly.
 */
export function convert(input: unknown, options: ConvertOptions = {}): ConvertResult {
  const { collection, version } = readCollection(input, options.source);
  const warnings = new WarningSink();
  const variables = readVariables(collection.variable);
  const security = new SecurityRegistry(warnings, variables);
  const rootAuth: AuthResult = collection.auth ? security.read(collection.auth, '(collection)') : undefined;
  const tags = new TagRegistry();
  const variants: RequestVariant[] = [];
  walkItems(collection.item, [], undefined, rootAuth, {
    warnings,
    variables,
    security,
    tagNaming: options.tagNaming ?? 'leaf',
    tags,
    variants,
  });

  const servers: ServerObject[] = [];
  for (const variant of variants) {
    const server = variant.server;
    if (server === undefined || servers.includes(server)) continue;
    if (servers.some((known) => known.url === server.url)) continue;
    servers.push(server);
    if (server.variables === undefined) continue;
    for (const name of Object.keys(server.variables)) {
      warnings.add(
        'unresolved-server-variable',
        variant.location,
        `a host variable has no value in the collection; kept as server variable {${name}}`,
      );
    }
  }
  const defaultServer = servers[0]?.url;

  const { canonical, groups } = groupVariants(variants, warnings);
  const operationIds = new OperationIdRegistry();
  // Operations by path in first-seen order; each path item is built once, its methods in the order the
  // OpenAPI specification lists them, whatever the collection order.
  const byPath = new Map<string, Partial<Record<HttpMethod, OperationObject>>>();
  const usedTags = new Set<string>();
  for (const group of groups.values()) {
    const first = group[0] as RequestVariant;
    const path = canonical.get(first.template.key) as { path: string; params: string[] };
    const operationId = operationIds.take(first.name, `${first.method} ${path.path}`);
    const operation = mergeVariants(group, {
      operationId,
      rootAuth,
      defaultServer,
      pathParams: path.params,
      variables,
    });
    if (operation.tags) for (const tag of operation.tags) usedTags.add(tag);
    let methods = byPath.get(path.path);
    if (methods === undefined) {
      methods = {};
      byPath.set(path.path, methods);
    }
    methods[first.method] = operation;
  }
  const paths: Record<string, PathItemObject> = {};
  byPath.forEach((methods, path) => {
    const item: PathItemObject = {};
    for (const method of METHOD_ORDER) {
      const operation = methods[method];
      if (operation) item[method] = operation;
    }
    setEntry(paths, path, item);
  });

  const document = { openapi: '3.1.0' } as OpenApiDocument;
  document.info = {
    title: collection.info.name?.trim() || 'Untitled collection',
    version: infoVersion(collection.info.version),
  };
  const description = descriptionText(collection.info.description);
  if (description) document.info.description = description;
  if (servers.length > 0) document.servers = [copyServer(servers[0] as ServerObject)];
  if (rootAuth !== undefined && rootAuth !== 'none') document.security = [copyRequirement(rootAuth)];
  const tagList: TagObject[] = [...tags.tags.values()].filter((tag) => usedTags.has(tag.name));
  if (tagList.length > 0) document.tags = tagList;
  document.paths = paths;
  if (security.schemes.size > 0)
    document.components = { securitySchemes: Object.fromEntries(security.schemes) };
  return { document, warnings: warnings.list, version, requestCount: countRequests(collection.item) };
}
