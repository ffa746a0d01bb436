// Requests fidelity: every request of the Postman collection maps to an operation of the curated spec, through
// the same path canonicalization the curate stage applies (spec/overlays/paths.yaml); every operation is reached
// by some request; and every operation carries the curation users rely on.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { canonicalPath, loadPathTable } from '../../scripts/src/overlay-paths.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const collectionPath = fileURLToPath(
  new URL('../postman/reply-api.postman_collection.json', import.meta.url),
);
const specPath = fileURLToPath(new URL('../openapi.yaml', import.meta.url));
const pathsFile = fileURLToPath(new URL('../overlays/paths.yaml', import.meta.url));

const spec = parse(readFileSync(specPath, 'utf8')) as JsonObject;
const table = loadPathTable(pathsFile);
const paths = spec.paths as Record<string, JsonObject>;
const components = spec.components as Record<string, Record<string, JsonObject>>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

interface PostmanItem {
  name: string;
  item?: PostmanItem[];
  request?: { method: string; url: string | { raw: string; query?: { key: string; disabled?: boolean }[] } };
}

interface CollectionRequest {
  label: string;
  method: string;
  rawPath: string;
  placeholders: number;
  query: string[];
}

/** The raw path of a request URL: host and query dropped, `{{var}}` and `:var` → `{var}`, no trailing slash. */
function rawPathOf(url: string): string {
  const withoutQuery = url.split(/[?#]/)[0] as string;
  const path = withoutQuery.replace(/^(?:[a-z]+:\/\/)?(?:\{\{[^}]+\}\}|[^/]+)/i, '');
  const templated = path
    .split('/')
    .map((segment) => segment.replace(/^\{\{([^}]+)\}\}$/, '{$1}').replace(/^:(.+)$/, '{$1}'))
    .join('/');
  return templated.length > 1 ? templated.replace(/\/+$/, '') : templated;
}

function collectRequests(items: PostmanItem[], folder: string[] = []): CollectionRequest[] {
  return items.flatMap((item) => {
    if (item.item) return collectRequests(item.item, [...folder, item.name]);
    if (!item.request) return [];
    const url = item.request.url;
    const raw = typeof url === 'string' ? url : url.raw;
    const rawPath = rawPathOf(raw);
    const query =
      typeof url === 'string' ? [] : (url.query ?? []).filter((q) => !q.disabled).map((q) => q.key);
    return [
      {
        label: `${[...folder, item.name].join(' / ')} (${item.request.method} ${rawPath})`,
        method: item.request.method.toLowerCase(),
        rawPath,
        placeholders: (rawPath.match(/\{[^}]+\}/g) ?? []).length,
        query,
      },
    ];
  });
}

const shape = (path: string) => path.replace(/\{[^}]+\}/g, '{}');

/** The spec path a canonical request path lands on: the same key, or (placeholder names never route) the same shape. */
function specPathFor(canonical: string): string | undefined {
  if (paths[canonical]) return canonical;
  return Object.keys(paths).find((candidate) => shape(candidate) === shape(canonical));
}

const collection = JSON.parse(readFileSync(collectionPath, 'utf8')) as { item: PostmanItem[] };
const requests = collectRequests(collection.item);

function parametersOf(path: string, method: string): JsonObject[] {
  const item = paths[path] as JsonObject;
  const operation = item[method] as JsonObject;
  const all = [
    ...((item.parameters as Json[]) ?? []),
    ...((operation.parameters as Json[]) ?? []),
  ] as JsonObject[];
  return all.map((parameter) => {
    const ref = parameter.$ref;
    if (typeof ref !== 'string') return parameter;
    return components.parameters?.[ref.split('/').pop() as string] as JsonObject;
  });
}

const operations = Object.entries(paths).flatMap(([path, item]) =>
  METHODS.filter((method) => item[method]).map((method) => ({
    path,
    method,
    operation: item[method] as JsonObject,
  })),
);

describe('every collection request maps to an operation of the curated spec', () => {
  it('the collection has its 94 requests', () => {
    expect(requests).toHaveLength(94);
  });

  it.each(requests.map((request) => [request.label, request] as const))('%s', (_label, request) => {
    const path = specPathFor(canonicalPath(request.rawPath, table));
    expect(path, `no curated path for ${request.rawPath}`).toBeDefined();
    const operation = paths[path as string]?.[request.method] as JsonObject | undefined;
    expect(operation, `${request.method.toUpperCase()} ${path} is missing`).toBeDefined();
    const parameters = parametersOf(path as string, request.method);
    expect(parameters.filter((p) => p.in === 'path')).toHaveLength(request.placeholders);
    const declared = parameters.filter((p) => p.in === 'query').map((p) => p.name);
    for (const key of request.query) expect(declared, `query parameter ${key}`).toContain(key);
    const required = parameters.filter((p) => p.in === 'query' && p.required).map((p) => p.name as string);
    for (const name of required) expect(request.query, `required query parameter ${name}`).toContain(name);
  });

  it('every operation is reached by a request: one operation per distinct method + path', () => {
    const reached = new Set(
      requests.map((request) => `${request.method} ${specPathFor(canonicalPath(request.rawPath, table))}`),
    );
    expect(operations.map(({ path, method }) => `${method} ${path}`).sort()).toEqual([...reached].sort());
    expect(operations).toHaveLength(76);
  });

  it('no path differs from another only by letter case, and no raw name that paths.yaml renames is left', () => {
    const lower = Object.keys(paths).map((path) => shape(path).toLowerCase());
    expect(new Set(lower).size).toBe(lower.length);
    for (const entry of table) {
      expect(paths).toHaveProperty([entry.canonical]);
      expect(paths).not.toHaveProperty([entry.raw]);
    }
  });
});

const WORKING_NOTES =
  /quirk|third-party|mirror|legacy|cut short|cut off|captured|abridged|withone|llm|support article|the source|postman|collection/i;

function texts(value: Json, where: string, found: [string, string][] = []): [string, string][] {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) texts(item, `${where}/${i}`, found);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'examples' || key === 'example') continue;
      if ((key === 'description' || key === 'summary' || key === 'title') && typeof item === 'string')
        found.push([`${where}/${key}`, item]);
      else texts(item, `${where}/${key}`, found);
    }
  }
  return found;
}

describe('every operation is curated', () => {
  const scheme =
    /^(list|get|create|update|upsert|delete|lookup|import|start|pause|archive|toggle|mark|unmark|move|push|createAndPush|remove|generate|download|set|test|send)[A-Z][A-Za-z]+$/;
  const tagNames = new Set((spec.tags as JsonObject[]).map((tag) => tag.name));

  it.each(operations.map((entry) => [`${entry.method.toUpperCase()} ${entry.path}`, entry] as const))(
    '%s',
    (_label, { path, method, operation }) => {
      expect(operation.operationId).toMatch(scheme);
      expect(operation.summary).toEqual(expect.any(String));
      expect(String(operation.description).length).toBeGreaterThan(20);
      expect(operation.tags).toHaveLength(1);
      expect(tagNames).toContain((operation.tags as string[])[0]);
      const refs = ((operation.parameters as JsonObject[]) ?? []).map((p) => p.$ref);
      expect(refs).toEqual(
        expect.arrayContaining(['#/components/parameters/XUserId', '#/components/parameters/XUserEmail']),
      );
      for (const parameter of parametersOf(path, method))
        expect(parameter.description, String(parameter.name)).toEqual(expect.any(String));
      const responses = operation.responses as Record<string, JsonObject>;
      expect(Object.keys(responses).some((code) => /^2\d\d$/.test(code))).toBe(true);
      for (const code of ['400', '401', '403', '404', '429', '500']) {
        // The shared response, or (where the collection has a JSON error example) an inline one with the Error body.
        const response = responses[code] as JsonObject;
        const inline = (response?.content as Record<string, JsonObject> | undefined)?.['application/json']
          ?.schema;
        expect(response?.$ref ?? (inline as JsonObject)?.$ref, `${code} response`).toMatch(
          /^#\/components\/(responses\/[A-Za-z]+|schemas\/Error)$/,
        );
        expect(
          response.description ??
            components.responses?.[String(response.$ref).split('/').pop() as string]?.description,
        ).toEqual(expect.any(String));
      }
    },
  );

  it('operationIds are unique', () => {
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('throttled endpoints and the monthly quota are data', () => {
    const throttled = operations.filter(({ operation }) => operation['x-reply-throttle-seconds'] === 10);
    expect(throttled.map(({ operation }) => operation.operationId).sort()).toEqual([
      'getCampaignPeopleSentStatistics',
      'getContactCampaignStatus',
      'getContactStatistics',
      'listCampaigns',
    ]);
    expect((spec.info as JsonObject)['x-reply-monthly-quota']).toBe(15000);
    expect((spec.info as JsonObject).description).toContain('15,000 calls per month');
  });

  it('security: an x-api-key header scheme applied globally; impersonation headers typed', () => {
    const schemes = components.securitySchemes as Record<string, JsonObject>;
    const [name, scheme] = Object.entries(schemes)[0] as [string, JsonObject];
    expect(scheme).toMatchObject({ type: 'apiKey', in: 'header', name: 'x-api-key' });
    expect(spec.security).toEqual([{ [name]: [] }]);
    expect(components.parameters?.XUserId).toMatchObject({
      name: 'X-User-Id',
      in: 'header',
      required: false,
      schema: { type: 'integer' },
    });
    expect(components.parameters?.XUserEmail).toMatchObject({
      name: 'X-User-Email',
      in: 'header',
      required: false,
      schema: { type: 'string', format: 'email' },
    });
    expect(spec.servers).toEqual([expect.objectContaining({ url: 'https://api.reply.io' })]);
  });

  it('no working notes: no description or summary talks about sources, quirks or captures', () => {
    const offending = texts(spec, '#').filter(([, text]) => WORKING_NOTES.test(text));
    expect(offending).toEqual([]);
  });
});
