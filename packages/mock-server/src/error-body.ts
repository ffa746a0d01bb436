import { cannedResponse } from './examples.js';
import type { JsonSchema, Operation, ResponseObject } from './operations.js';
import { deref, type OpenApiDocument } from './spec.js';

const MESSAGE_FIELDS = ['message', 'Message', 'error', 'errorMessage', 'detail', 'title', 'description'];
const STATUS_FIELDS = ['statusCode', 'status', 'code'];

export interface ErrorResponse {
  status: number;
  contentType: string;
  body: unknown;
}

/**
 * Builds error responses in the spec's own error body shape: the documented example (or a value built from the
 * schema) for that status, with the message field set to the mock's explanation.
 */
export class ErrorBodies {
  readonly #doc: OpenApiDocument;
  readonly #fallback: ResponseObject | undefined;

  constructor(doc: OpenApiDocument, operations: Operation[]) {
    this.#doc = doc;
    // For statuses an operation does not document (e.g. 429 injected as a fault): the spec's first error response.
    this.#fallback = operations
      .flatMap((operation) => Object.entries(operation.responses))
      .find(([status, response]) => /^[45]/.test(status) && jsonSchemaOf(response) !== undefined)?.[1];
  }

  build(operation: Operation | undefined, status: number, message: string): ErrorResponse {
    const responses = operation?.responses ?? {};
    const response =
      responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default ?? this.#fallback;
    const schemaRef = response && jsonSchemaOf(response);
    const schema = schemaRef === undefined ? undefined : resolveObjectSchema(this.#doc, schemaRef);
    const canned = cannedResponse(this.#doc, status, response);
    const example = canned.examples.values().next().value;
    const body: Record<string, unknown> =
      typeof example === 'object' && example !== null && !Array.isArray(example)
        ? structuredClone(example as Record<string, unknown>)
        : {};
    const properties = (schema?.properties ?? {}) as Record<string, JsonSchema>;
    const known = Object.keys(properties);
    const messageField =
      MESSAGE_FIELDS.find((field) => known.includes(field)) ?? (known.length ? undefined : 'message');
    const statusField = STATUS_FIELDS.find((field) => {
      const property = properties[field];
      return (
        property !== undefined && /integer|number/.test(JSON.stringify(deref(this.#doc, property, field)))
      );
    });
    if (statusField) body[statusField] = status;
    else if (known.length === 0) body.statusCode = status;
    if (messageField) body[messageField] = message;
    return { status, contentType: 'application/json; charset=utf-8', body };
  }
}

function jsonSchemaOf(response: ResponseObject): JsonSchema | undefined {
  const content = response.content ?? {};
  const entry = Object.entries(content).find(([type]) => type.toLowerCase().includes('json'));
  return entry?.[1].schema;
}

function resolveObjectSchema(doc: OpenApiDocument, schema: JsonSchema): Record<string, unknown> | undefined {
  if (typeof schema === 'boolean') return undefined;
  const resolved = deref(doc, schema, 'error schema');
  if (resolved.properties) return resolved;
  // allOf of an error base and extras: merge the properties.
  if (Array.isArray(resolved.allOf)) {
    const properties = {};
    for (const part of resolved.allOf)
      Object.assign(properties, resolveObjectSchema(doc, part as JsonSchema)?.properties);
    return { properties };
  }
  return resolved;
}
