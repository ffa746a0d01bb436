import {
  deref,
  isObject,
  type MediaTypeObject,
  type OpenApiDocument,
  type ParameterObject,
  type SchemaObject,
} from '../openapi.js';

/** A value for a sample: the spec's own example wins, then its default, then a placeholder of the right type. */
export function parameterValue(doc: OpenApiDocument, parameter: ParameterObject): unknown {
  if (parameter.example !== undefined) return parameter.example;
  const named = firstNamedExample(doc, parameter.examples);
  if (named !== undefined) return named;
  return schemaValue(doc, parameter.schema ?? {}, parameter.name);
}

/** Whether the spec itself says what a typical value of this parameter looks like. */
export function hasDocumentedValue(doc: OpenApiDocument, parameter: ParameterObject): boolean {
  if (parameter.example !== undefined || firstNamedExample(doc, parameter.examples) !== undefined)
    return true;
  const schema = deref(doc, parameter.schema ?? {});
  return schema.example !== undefined || (Array.isArray(schema.examples) && schema.examples.length > 0);
}

/** The request body of a sample: the media type's example, its first named example, or one built from the schema. */
export function bodyValue(doc: OpenApiDocument, media: MediaTypeObject): unknown {
  if (media.example !== undefined) return media.example;
  const named = firstNamedExample(doc, media.examples);
  if (named !== undefined) return named;
  return schemaValue(doc, media.schema ?? {}, 'body');
}

function firstNamedExample(doc: OpenApiDocument, examples: ParameterObject['examples']): unknown {
  for (const example of Object.values(examples ?? {})) {
    const resolved = deref(doc, example);
    if (resolved.value !== undefined) return resolved.value;
  }
  return undefined;
}

const STRING_FORMATS: Record<string, string> = {
  email: 'jane@example.com',
  'date-time': '2026-01-15T09:00:00Z',
  date: '2026-01-15',
  time: '09:00:00',
  uri: 'https://example.com',
  url: 'https://example.com',
  uuid: '3f2c1b9e-8d4a-4c7e-9b1f-2a6d5e8c0f13',
  hostname: 'example.com',
};

/** A type-appropriate value for a schema, preferring what the schema documents (example, default, enum). */
export function schemaValue(doc: OpenApiDocument, input: SchemaObject, name: string, depth = 0): unknown {
  const schema = deref(doc, input);
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (schema.const !== undefined) return schema.const;
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum.find((v) => v !== null);
  const variant = schema.oneOf?.[0] ?? schema.anyOf?.[0];
  if (variant) return schemaValue(doc, variant, name, depth + 1);
  if (schema.allOf) return mergeAll(schema.allOf.map((part) => schemaValue(doc, part, name, depth + 1)));
  switch (primaryType(schema)) {
    case 'integer':
      return /id$/i.test(name) ? 12345 : 1;
    case 'number':
      return 1.5;
    case 'boolean':
      return true;
    case 'array':
      return depth > 6 ? [] : [schemaValue(doc, schema.items ?? {}, singular(name), depth + 1)];
    case 'object':
      return depth > 6 ? {} : objectValue(doc, schema, depth);
    case 'null':
      return null;
    default:
      return STRING_FORMATS[schema.format ?? ''] ?? stringFor(name);
  }
}

function stringFor(name: string): string {
  if (/email$/i.test(name)) return 'jane@example.com';
  if (/id$/i.test(name)) return 'a1b2c3d4';
  return 'example';
}

function objectValue(doc: OpenApiDocument, schema: SchemaObject, depth: number): Record<string, unknown> {
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  // Only required properties: a sample shows the smallest call that works, the reference lists the rest.
  const keys = Object.keys(properties).filter((key) => required.has(key));
  return Object.fromEntries(
    keys.map((key) => [key, schemaValue(doc, properties[key] ?? {}, key, depth + 1)]),
  );
}

function primaryType(schema: SchemaObject): string | undefined {
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const type = types.find((t) => t !== 'null') ?? types[0];
  if (type) return type;
  if (schema.properties) return 'object';
  if (schema.items) return 'array';
  return undefined;
}

function mergeAll(parts: unknown[]): unknown {
  if (!parts.every(isObject)) return parts[0];
  return Object.assign({}, ...parts);
}

function singular(name: string): string {
  return name.endsWith('s') ? name.slice(0, -1) : name;
}
