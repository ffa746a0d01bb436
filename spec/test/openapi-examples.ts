// Helpers for the example fidelity test: walk the curated spec's JSON examples and the collection's JSON bodies.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

// ajv-formats is CommonJS; under NodeNext its default export is the module namespace.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

export const curatedSpecPath = fileURLToPath(new URL('../openapi.yaml', import.meta.url));
export const collectionPath = fileURLToPath(
  new URL('../postman/reply-api.postman_collection.json', import.meta.url),
);

/** Extension an overlay sets on an example that is known to be wrong; its value says why. */
export const invalidExampleExtension = 'x-replykit-invalid-example';

const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const documentId = 'https://replykit.invalid/openapi.json';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface SpecExample {
  /** `METHOD /path` of the operation. */
  operation: string;
  /** `request` or the response status code. */
  where: string;
  mediaType: string;
  name: string;
  value: Json;
  /** Why the example is excluded, when an overlay marked it as known wrong. */
  invalidReason: string | undefined;
  /** JSON pointer of the media type's schema inside the curated spec. */
  schemaPointer: string;
}

export interface CollectionBody {
  request: string;
  method: string;
  path: string;
  /** `request` or the response status code. */
  where: string;
  value: Json;
}

/** A JSON-valued part of a multipart request body in the collection (e.g. an `options` part). */
export interface CollectionFormPart {
  request: string;
  method: string;
  path: string;
  part: string;
  value: Json;
}

export interface SchemaExample {
  /** JSON pointer of the schema that carries the `examples` keyword. */
  schemaPointer: string;
  index: number;
  value: Json;
}

export function loadCuratedSpec(path = curatedSpecPath): JsonObject {
  return parse(readFileSync(path, 'utf8')) as JsonObject;
}

export function loadCollection(path = collectionPath): JsonObject {
  return JSON.parse(readFileSync(path, 'utf8')) as JsonObject;
}

/** Paths compare equal when they differ only by letter case, placeholder names or a trailing slash. */
export function normalizePath(path: string): string {
  return path
    .toLowerCase()
    .replace(/\{\{?[^}]*\}?\}/g, '{}')
    .replace(/\/+$/, '');
}

export function isJsonMediaType(mediaType: string): boolean {
  const essence = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  return essence === 'application/json' || essence.endsWith('+json');
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function escapePointer(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Follows a local `$ref` (`#/components/...`) until a non-reference object is reached. */
export function resolveRef(
  doc: JsonObject,
  value: Json | undefined,
): { value: Json | undefined; pointer?: string } {
  let current = value;
  let pointer: string | undefined;
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string'; hops++) {
    if (hops > 20) throw new Error(`$ref cycle at ${current.$ref}`);
    const ref = current.$ref;
    if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported, got ${ref}`);
    pointer = ref.slice(1);
    let target: Json | undefined = doc;
    for (const raw of ref.slice(2).split('/')) {
      const token = raw.replaceAll('~1', '/').replaceAll('~0', '~');
      target = isObject(target) ? target[token] : undefined;
    }
    if (target === undefined) throw new Error(`unresolved $ref ${ref}`);
    current = target;
  }
  return pointer === undefined ? { value: current } : { value: current, pointer };
}

export interface Operation {
  method: string;
  path: string;
  pointer: string;
  operation: JsonObject;
}

export function listOperations(doc: JsonObject): Operation[] {
  const paths = isObject(doc.paths) ? doc.paths : {};
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of httpMethods) {
      const operation = item[method];
      if (isObject(operation)) {
        operations.push({ method, path, pointer: `/paths/${escapePointer(path)}/${method}`, operation });
      }
    }
  }
  return operations;
}

/** The media types of the request body (`request`) or of each response (status code), `$ref`s resolved. */
function contentsOf(
  doc: JsonObject,
  op: Operation,
): { where: string; pointer: string; content: JsonObject }[] {
  const found: { where: string; pointer: string; content: JsonObject }[] = [];
  const body = resolveRef(doc, op.operation.requestBody);
  if (isObject(body.value) && isObject(body.value.content)) {
    found.push({
      where: 'request',
      pointer: `${body.pointer ?? `${op.pointer}/requestBody`}/content`,
      content: body.value.content,
    });
  }
  const responses = isObject(op.operation.responses) ? op.operation.responses : {};
  for (const [status, raw] of Object.entries(responses)) {
    const response = resolveRef(doc, raw);
    if (isObject(response.value) && isObject(response.value.content)) {
      found.push({
        where: status,
        pointer: `${response.pointer ?? `${op.pointer}/responses/${escapePointer(status)}`}/content`,
        content: response.value.content,
      });
    }
  }
  return found;
}

/** Every JSON example of the curated spec (request bodies and responses), with the pointer of its schema. */
export function collectSpecExamples(doc: JsonObject): SpecExample[] {
  const examples: SpecExample[] = [];
  for (const op of listOperations(doc)) {
    for (const { where, pointer, content } of contentsOf(doc, op)) {
      for (const [mediaType, media] of Object.entries(content)) {
        if (!isJsonMediaType(mediaType) || !isObject(media)) continue;
        const base = {
          operation: `${op.method.toUpperCase()} ${op.path}`,
          where,
          mediaType,
          schemaPointer: `${pointer}/${escapePointer(mediaType)}/schema`,
        };
        if ('example' in media) {
          examples.push({
            ...base,
            name: '(example)',
            value: media.example ?? null,
            invalidReason: undefined,
          });
        }
        const named = isObject(media.examples) ? media.examples : {};
        for (const [name, raw] of Object.entries(named)) {
          const example = resolveRef(doc, raw).value;
          if (!isObject(example) || !('value' in example)) continue;
          const reason = isObject(raw)
            ? (raw[invalidExampleExtension] ?? example[invalidExampleExtension])
            : undefined;
          examples.push({
            ...base,
            name,
            value: example.value ?? null,
            invalidReason: typeof reason === 'string' ? reason : undefined,
          });
        }
      }
    }
  }
  return examples;
}

interface PostmanItem {
  name?: string;
  item?: PostmanItem[];
  request?: {
    method?: string;
    url?: string | { raw?: string; path?: string[] };
    header?: { key: string; value: string }[];
    body?: {
      mode?: string;
      raw?: string;
      options?: { raw?: { language?: string } };
      formdata?: { key: string; type?: string; value?: string; disabled?: boolean }[];
    };
  };
  response?: { code?: number; body?: string; header?: { key: string; value: string }[] }[];
}

function requestsOf(items: PostmanItem[]): PostmanItem[] {
  return items.flatMap((item) => (item.item ? requestsOf(item.item) : item.request ? [item] : []));
}

function urlPath(url: string | { raw?: string; path?: string[] } | undefined): string {
  if (url && typeof url === 'object' && Array.isArray(url.path)) return `/${url.path.join('/')}`;
  const raw = typeof url === 'string' ? url : (url?.raw ?? '');
  const withoutQuery = raw.split('?')[0] ?? '';
  return withoutQuery.replace(/^[a-z]+:\/\/[^/]+/i, '').replace(/^\{\{[^}]+\}\}/, '');
}

function headerValue(headers: { key: string; value: string }[] | undefined, name: string): string {
  return headers?.find((h) => h.key.toLowerCase() === name)?.value ?? '';
}

/** Every request of the collection, and every JSON request body and JSON example response it carries. */
export function collectCollectionBodies(collection: JsonObject): {
  requests: { name: string; method: string; path: string }[];
  bodies: CollectionBody[];
  formParts: CollectionFormPart[];
} {
  const requests: { name: string; method: string; path: string }[] = [];
  const bodies: CollectionBody[] = [];
  const formParts: CollectionFormPart[] = [];
  for (const item of requestsOf((collection.item ?? []) as PostmanItem[])) {
    const request = item.request ?? {};
    const name = item.name ?? '(unnamed)';
    const method = (request.method ?? 'GET').toLowerCase();
    const path = urlPath(request.url);
    requests.push({ name, method, path });
    const body = request.body;
    const jsonBody =
      body?.mode === 'raw' &&
      (body.options?.raw?.language === 'json' ||
        isJsonMediaType(headerValue(request.header, 'content-type')));
    if (jsonBody && body?.raw?.trim()) {
      bodies.push({ request: name, method, path, where: 'request', value: JSON.parse(body.raw) as Json });
    }
    for (const field of body?.mode === 'formdata' ? (body.formdata ?? []) : []) {
      const text = field.value?.trim() ?? '';
      if (field.disabled || field.type === 'file' || !/^[[{]/.test(text)) continue;
      formParts.push({ request: name, method, path, part: field.key, value: JSON.parse(text) as Json });
    }
    for (const response of item.response ?? []) {
      if (!response.body?.trim() || !isJsonMediaType(headerValue(response.header, 'content-type'))) continue;
      bodies.push({
        request: name,
        method,
        path,
        where: String(response.code),
        value: JSON.parse(response.body) as Json,
      });
    }
  }
  return { requests, bodies, formParts };
}

/** Every `examples` entry of a component schema or of one of its subschemas. */
export function collectSchemaExamples(doc: JsonObject): SchemaExample[] {
  const found: SchemaExample[] = [];
  const visit = (schema: Json | undefined, pointer: string): void => {
    if (!isObject(schema)) return;
    if (Array.isArray(schema.examples)) {
      schema.examples.forEach((value, index) => {
        found.push({ schemaPointer: pointer, index, value });
      });
    }
    for (const key of ['properties', 'patternProperties', '$defs'] as const) {
      const children = schema[key];
      if (isObject(children)) {
        for (const [name, child] of Object.entries(children))
          visit(child, `${pointer}/${key}/${escapePointer(name)}`);
      }
    }
    for (const key of ['items', 'additionalProperties', 'not', 'contentSchema'] as const)
      visit(schema[key], `${pointer}/${key}`);
    for (const key of ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const) {
      const list = schema[key];
      if (!Array.isArray(list)) continue;
      for (const [i, child] of list.entries()) visit(child, `${pointer}/${key}/${i}`);
    }
  };
  const components = isObject(doc.components) ? doc.components : {};
  const schemas = isObject(components.schemas) ? components.schemas : {};
  for (const [name, schema] of Object.entries(schemas))
    visit(schema, `/components/schemas/${escapePointer(name)}`);
  return found;
}

/** The pointer of a multipart request body's part schema, following a `$ref` of the body schema. */
export function formPartSchemaPointer(doc: JsonObject, op: Operation, part: string): string | undefined {
  const body = resolveRef(doc, op.operation.requestBody).value;
  const content = isObject(body) && isObject(body.content) ? body.content : {};
  const media = content['multipart/form-data'];
  if (!isObject(media) || !isObject(media.schema)) return undefined;
  const resolved = resolveRef(doc, media.schema);
  const base = resolved.pointer ?? `${op.pointer}/requestBody/content/multipart~1form-data/schema`;
  const properties =
    isObject(resolved.value) && isObject(resolved.value.properties) ? resolved.value.properties : {};
  return part in properties ? `${base}/properties/${escapePointer(part)}` : undefined;
}

/** A JSON Schema 2020-12 validator that resolves `$ref`s against the whole curated spec. */
export function createSchemaValidator(doc: JsonObject): (schemaPointer: string) => ValidateFunction {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  // OpenAPI formats that constrain nothing beyond the JSON type.
  for (const format of ['int32', 'int64', 'float', 'double', 'password', 'binary', 'byte']) {
    if (!ajv.formats[format]) ajv.addFormat(format, true);
  }
  ajv.addSchema({ ...doc, $id: documentId } as object);
  const cache = new Map<string, ValidateFunction>();
  return (schemaPointer) => {
    let validate = cache.get(schemaPointer);
    if (!validate) {
      validate = ajv.compile({ $ref: `${documentId}#${encodeURI(schemaPointer)}` });
      cache.set(schemaPointer, validate);
    }
    return validate;
  };
}

/** Deep equality of two JSON values (object key order ignored). */
export function jsonEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && jsonEqual(a[k], b[k]));
  }
  return false;
}
