import type { JsonSchema, MediaType, Operation, ResponseObject } from './operations.js';
import { envelopeShape, settleSinglePage } from './page-envelope.js';
import { deref, type OpenApiDocument } from './spec.js';

/** A response the mock can send for one documented status. */
export interface CannedResponse {
  status: number;
  contentType: string | undefined;
  /** Named examples in spec order; the first is the default. Never empty when `contentType` is set. */
  examples: Map<string, unknown>;
}

/** The example name used for a value synthesized from the schema (no example in the spec). */
export const SYNTHESIZED_EXAMPLE = 'synthesized';

/** The documented success status of an operation: the lowest 2xx (`2XX` counts as 200), else `default`, else 200. */
export function successStatus(operation: Operation): string | undefined {
  const keys = Object.keys(operation.responses);
  const success = keys
    .filter((key) => /^2(\d\d|XX)$/i.test(key))
    .sort((a, b) => statusNumber(a) - statusNumber(b));
  return success[0] ?? (keys.includes('default') ? 'default' : undefined);
}

export function statusNumber(key: string): number {
  if (/^\dXX$/i.test(key)) return Number(key[0]) * 100;
  return key === 'default' ? 200 : Number(key);
}

/** Builds the canned response for one response object: named examples, else one synthesized from the schema. */
export function cannedResponse(
  doc: OpenApiDocument,
  status: number,
  response: ResponseObject | undefined,
): CannedResponse {
  const content = response?.content ?? {};
  const entry =
    Object.entries(content).find(([type]) => type.toLowerCase().includes('json')) ??
    Object.entries(content)[0];
  const examples = new Map<string, unknown>();
  if (!entry || status === 204 || status === 304) return { status, contentType: undefined, examples };
  const [contentType, media] = entry as [string, MediaType];
  for (const [name, example] of Object.entries(media.examples ?? {})) {
    const resolved = deref(doc, example, `examples.${name}`);
    if (resolved && 'value' in resolved) examples.set(name, resolved.value);
  }
  if (examples.size === 0 && media.example !== undefined) examples.set('default', media.example);
  if (examples.size === 0 && media.schema !== undefined) {
    const schema = deref(doc, media.schema, 'response schema');
    const own =
      typeof schema === 'object'
        ? ((schema.examples as unknown[] | undefined)?.[0] ?? schema.example)
        : undefined;
    examples.set(own === undefined ? SYNTHESIZED_EXAMPLE : 'default', own ?? synthesize(doc, media.schema));
  }
  if (examples.size === 0) examples.set(SYNTHESIZED_EXAMPLE, contentType.includes('json') ? {} : '');
  return { status, contentType, examples };
}

const FORMAT_SAMPLES: Record<string, string> = {
  'date-time': '2024-01-01T00:00:00Z',
  date: '2024-01-01',
  time: '00:00:00Z',
  email: 'jane.doe@example.com',
  uri: 'https://example.com/',
  url: 'https://example.com/',
  uuid: '00000000-0000-4000-8000-000000000000',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
};

/**
 * A plain value that satisfies simple schemas: const, default, examples, enum, then a value per type. A page
 * envelope comes out as the one page holding its items, without made-up `next`/`previous` links (ADR 0032).
 */
export function synthesize(doc: OpenApiDocument, raw: JsonSchema): unknown {
  return settleSinglePage(envelopeShape(doc, raw), build(doc, raw, 0));
}

function build(doc: OpenApiDocument, raw: JsonSchema, depth: number): unknown {
  if (typeof raw === 'boolean' || depth > 8) return null;
  const schema = deref(doc, raw, 'schema');
  if ('const' in schema) return schema.const;
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if (Array.isArray(schema.allOf)) {
    const parts = schema.allOf.map((part) => build(doc, part as JsonSchema, depth + 1));
    if (parts.every((part) => typeof part === 'object' && part !== null && !Array.isArray(part))) {
      return Object.assign({}, ...parts);
    }
    return parts[0] ?? null;
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    const first = (schema[key] as JsonSchema[] | undefined)?.find(
      (member) => !(typeof member === 'object' && member.type === 'null'),
    );
    if (first !== undefined) return build(doc, first, depth + 1);
  }
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string | undefined];
  const type = types.find((t) => t !== 'null') ?? (schema.properties ? 'object' : types[0]);
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(
        (schema.properties ?? {}) as Record<string, JsonSchema>,
      )) {
        out[name] = build(doc, property, depth + 1);
      }
      return out;
    }
    case 'array':
      return schema.items === undefined ? [] : [build(doc, schema.items as JsonSchema, depth + 1)];
    case 'string':
      return FORMAT_SAMPLES[schema.format as string] ?? 'string';
    case 'integer':
      return typeof schema.minimum === 'number' ? Math.ceil(schema.minimum) : 1;
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 1;
    case 'boolean':
      return true;
    default:
      return null;
  }
}

/** Parses `Prefer: example=name, code=404` (Prism's convention) into its parts. */
export function parsePrefer(header: string | undefined): { example?: string; code?: number } {
  const out: { example?: string; code?: number } = {};
  for (const token of (header ?? '').split(/[,;]/)) {
    const [key, ...rest] = token.split('=');
    const value = rest
      .join('=')
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (key?.trim().toLowerCase() === 'example' && value) out.example = value;
    if (key?.trim().toLowerCase() === 'code' && /^\d{3}$/.test(value)) out.code = Number(value);
  }
  return out;
}
