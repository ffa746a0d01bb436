import { ReplyMockConfigError } from './errors.js';
import { deref, type OpenApiDocument } from './spec.js';

export type JsonSchema = Record<string, unknown> | boolean;

export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';

export interface Parameter {
  name: string;
  in: ParameterLocation;
  required: boolean;
  schema: JsonSchema | undefined;
  /** `false` for `style: form, explode: false` arrays sent as `a,b,c`. */
  explode: boolean;
}

export interface MediaType {
  schema?: JsonSchema;
  example?: unknown;
  examples?: Record<string, { value?: unknown } | undefined>;
}

export interface ResponseObject {
  description?: string;
  content?: Record<string, MediaType>;
}

export interface Operation {
  /** `operationId` from the spec, or `METHOD /path` when the spec has none. */
  operationId: string;
  method: string;
  path: string;
  parameters: Parameter[];
  requestBody: { required: boolean; content: Record<string, MediaType> } | undefined;
  responses: Record<string, ResponseObject>;
  /** Header names carrying the API key; empty when the operation needs no key. */
  apiKeyHeaders: string[];
  /** `x-reply-throttle-seconds`: the operation accepts one call per this many seconds. */
  throttleSeconds: number | undefined;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Reads every operation of the spec, with its parameters, request body and responses resolved. */
export function readOperations(doc: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  const seenIds = new Map<string, string>();
  for (const [path, rawItem] of Object.entries(doc.paths ?? {})) {
    const item = deref(doc, rawItem, `paths.${path}`);
    const shared = readParameters(doc, item.parameters, `paths.${path}.parameters`);
    for (const method of METHODS) {
      const raw = item[method] as Record<string, unknown> | undefined;
      if (!raw) continue;
      const where = `paths.${path}.${method}`;
      const own = readParameters(doc, raw.parameters, `${where}.parameters`);
      const byKey = new Map<string, Parameter>();
      for (const parameter of [...shared, ...own]) byKey.set(`${parameter.in}:${parameter.name}`, parameter);
      const operationId =
        typeof raw.operationId === 'string' ? raw.operationId : `${method.toUpperCase()} ${path}`;
      const previous = seenIds.get(operationId);
      if (previous) {
        throw new ReplyMockConfigError(
          `spec: operationId "${operationId}" is used by ${previous} and ${where}`,
        );
      }
      seenIds.set(operationId, where);
      operations.push({
        operationId,
        method: method.toUpperCase(),
        path,
        parameters: [...byKey.values()],
        requestBody: readRequestBody(doc, raw.requestBody, `${where}.requestBody`),
        responses: readResponses(doc, raw.responses, `${where}.responses`),
        apiKeyHeaders: apiKeyHeaders(doc, raw.security as OpenApiDocument['security']),
        throttleSeconds: throttleOf(raw['x-reply-throttle-seconds']),
      });
    }
  }
  return operations;
}

function readParameters(doc: OpenApiDocument, raw: unknown, where: string): Parameter[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new ReplyMockConfigError(`spec: ${where} must be an array`);
  return raw.map((entry, index) => {
    const parameter = deref(doc, entry as Record<string, unknown>, `${where}[${index}]`);
    const location = parameter.in as ParameterLocation;
    if (typeof parameter.name !== 'string' || !['path', 'query', 'header', 'cookie'].includes(location)) {
      throw new ReplyMockConfigError(
        `spec: ${where}[${index}] needs a name and an "in" of path/query/header/cookie`,
      );
    }
    const style =
      (parameter.style as string | undefined) ??
      (location === 'query' || location === 'cookie' ? 'form' : 'simple');
    return {
      name: parameter.name,
      in: location,
      required: location === 'path' || parameter.required === true,
      schema: parameter.schema as JsonSchema | undefined,
      explode: (parameter.explode as boolean | undefined) ?? style === 'form',
    };
  });
}

function readRequestBody(doc: OpenApiDocument, raw: unknown, where: string): Operation['requestBody'] {
  if (raw === undefined) return undefined;
  const body = deref(doc, raw as Record<string, unknown>, where);
  return {
    required: body.required === true,
    content: (body.content as Record<string, MediaType> | undefined) ?? {},
  };
}

function readResponses(doc: OpenApiDocument, raw: unknown, where: string): Record<string, ResponseObject> {
  const responses: Record<string, ResponseObject> = {};
  for (const [status, response] of Object.entries((raw as Record<string, unknown> | undefined) ?? {})) {
    responses[status] = deref(doc, response as ResponseObject, `${where}.${status}`);
  }
  return responses;
}

function throttleOf(value: unknown): number | undefined {
  return typeof value === 'number' && value > 0 ? value : undefined;
}

/** The header names of the apiKey schemes the operation (or, by default, the document) requires. */
function apiKeyHeaders(doc: OpenApiDocument, own: OpenApiDocument['security']): string[] {
  const requirements = own ?? doc.security ?? [];
  // An empty requirement object means "no authentication" is one of the accepted alternatives.
  if (
    requirements.length === 0 ||
    requirements.some((requirement) => Object.keys(requirement).length === 0)
  ) {
    return [];
  }
  const schemes = (doc.components?.securitySchemes ?? {}) as Record<string, unknown>;
  const headers = new Set<string>();
  for (const requirement of requirements) {
    for (const name of Object.keys(requirement)) {
      const scheme = deref(
        doc,
        schemes[name] as Record<string, unknown> | undefined,
        `components.securitySchemes.${name}`,
      );
      if (scheme?.type === 'apiKey' && scheme.in === 'header' && typeof scheme.name === 'string') {
        headers.add(scheme.name.toLowerCase());
      }
    }
  }
  return [...headers];
}

/** Header names that hold secrets in this spec, for redaction in recordings. */
export function secretHeaders(doc: OpenApiDocument): Set<string> {
  const names = new Set(['x-api-key', 'authorization', 'proxy-authorization', 'cookie']);
  for (const scheme of Object.values((doc.components?.securitySchemes ?? {}) as Record<string, unknown>)) {
    const resolved = deref(doc, scheme as Record<string, unknown>, 'components.securitySchemes');
    if (resolved?.type === 'apiKey' && resolved.in === 'header' && typeof resolved.name === 'string') {
      names.add(resolved.name.toLowerCase());
    }
  }
  return names;
}
