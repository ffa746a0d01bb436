/** The slice of OpenAPI 3.1 the docs builder reads; everything else passes through untouched. */
export type JsonObject = { [key: string]: unknown };

export interface SchemaObject extends JsonObject {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  example?: unknown;
  examples?: unknown[];
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  oneOf?: SchemaObject[];
  anyOf?: SchemaObject[];
  allOf?: SchemaObject[];
  $ref?: string;
}

export interface ExampleObject extends JsonObject {
  summary?: string;
  value?: unknown;
}

export interface ParameterObject extends JsonObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: SchemaObject;
  example?: unknown;
  examples?: Record<string, ExampleObject>;
}

export interface MediaTypeObject extends JsonObject {
  schema?: SchemaObject;
  example?: unknown;
  examples?: Record<string, ExampleObject>;
}

export interface OperationObject extends JsonObject {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content?: Record<string, MediaTypeObject> } & JsonObject;
  responses?: Record<string, JsonObject>;
  'x-reply-throttle-seconds'?: number;
  'x-codeSamples'?: CodeSample[];
}

export interface TagObject extends JsonObject {
  name: string;
  description?: string;
}

export interface OpenApiDocument extends JsonObject {
  openapi: string;
  info: { title: string; version: string; description?: string } & JsonObject;
  servers?: { url: string }[];
  tags?: TagObject[];
  paths?: Record<string, Record<string, unknown>>;
  components?: JsonObject;
}

/** One entry of Redoc's `x-codeSamples`. */
export interface CodeSample {
  lang: string;
  label: string;
  source: string;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** An operation with its path-level parameters merged in and every internal `$ref` one level resolved. */
export interface ResolvedOperation {
  path: string;
  method: HttpMethod;
  operation: OperationObject;
  parameters: ParameterObject[];
  body: MediaTypeObject | undefined;
  bodyContentType: string | undefined;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Follows internal `#/...` references until a non-reference object is reached. */
export function deref<T>(doc: OpenApiDocument, value: T, seen: Set<string> = new Set()): T {
  if (!isObject(value) || typeof value.$ref !== 'string') return value;
  const ref = value.$ref;
  if (!ref.startsWith('#/'))
    throw new Error(`docs: external $ref "${ref}" is not supported; bundle the spec first`);
  if (seen.has(ref)) throw new Error(`docs: circular $ref "${ref}"`);
  seen.add(ref);
  let target: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    target = isObject(target) || Array.isArray(target) ? (target as JsonObject)[key] : undefined;
  }
  if (target === undefined) throw new Error(`docs: $ref "${ref}" points at nothing`);
  return deref(doc, target as T, seen);
}

/** Every operation of the document, in path order, with parameters and request body resolved. */
export function listOperations(doc: OpenApiDocument): ResolvedOperation[] {
  const result: ResolvedOperation[] = [];
  for (const [path, rawItem] of Object.entries(doc.paths ?? {})) {
    const item = deref(doc, rawItem);
    const shared = ((item.parameters as ParameterObject[] | undefined) ?? []).map((p) => deref(doc, p));
    for (const method of HTTP_METHODS) {
      const operation = item[method] as OperationObject | undefined;
      if (!isObject(operation)) continue;
      const own = (operation.parameters ?? []).map((p) => deref(doc, p));
      const parameters = [
        ...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in)),
        ...own,
      ];
      const requestBody = operation.requestBody ? deref(doc, operation.requestBody) : undefined;
      const content = requestBody?.content ?? {};
      const bodyContentType =
        Object.keys(content).find((type) => /json/i.test(type)) ?? Object.keys(content)[0] ?? undefined;
      const body = bodyContentType ? content[bodyContentType] : undefined;
      result.push({ path, method, operation, parameters, body, bodyContentType });
    }
  }
  return result;
}
