import { type ParseError, parse as parseJsonc, printParseErrorCode } from 'jsonc-parser';
import { CollectionError } from './errors.js';
import type { PostmanCollection } from './types.js';

/** The collection schema versions the converter reads. */
export type SchemaVersion = '2.0.0' | '2.1.0';

export interface ReadCollection {
  collection: PostmanCollection;
  version: SchemaVersion;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Parse JSON text, naming the line and column of the first error. */
export function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    if (text.trim() === '')
      throw new CollectionError('not-json', source, 'not valid JSON (the input is empty)');
    // Only on failure: jsonc-parser (strict settings) gives the offset and kind of the first error.
    const errors: ParseError[] = [];
    parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    if (first === undefined) throw new CollectionError('not-json', source, 'not valid JSON');
    const before = text.slice(0, first.offset);
    const line = before.split('\n').length;
    const column = first.offset - before.lastIndexOf('\n');
    throw new CollectionError(
      'not-json',
      source,
      `not valid JSON at line ${line}, column ${column} (${printParseErrorCode(first.error)})`,
    );
  }
}

/**
 * Check that the input is a Postman collection v2.0.0 or v2.1.0 (also inside the `{ "collection": ... }`
 * wrapper the Postman API returns) and say precisely what is wrong when it is not.
 */
export function readCollection(input: unknown, source = '<input>'): ReadCollection {
  let value = typeof input === 'string' ? parseJson(input, source) : input;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new CollectionError(
      'not-a-collection',
      source,
      `expected a Postman collection object, got ${kindOf(value)}`,
    );
  }
  const wrapped = (value as { collection?: unknown }).collection;
  if (!('info' in value) && wrapped !== null && typeof wrapped === 'object' && !Array.isArray(wrapped)) {
    value = wrapped;
    source = `${source} (collection)`;
  }
  const candidate = value as Record<string, unknown>;
  if (Array.isArray(candidate.requests) && !('info' in candidate)) {
    throw new CollectionError(
      'unknown-schema-version',
      source,
      'this is a Postman collection v1 (top-level "requests"); export it as v2.1.0 from Postman',
    );
  }
  const info = candidate.info;
  if (info === null || typeof info !== 'object' || Array.isArray(info)) {
    throw new CollectionError(
      'not-a-collection',
      source,
      'not a Postman collection: no "info" object at the top level',
    );
  }
  const schema = (info as { schema?: unknown }).schema;
  if (typeof schema !== 'string') {
    throw new CollectionError(
      'unknown-schema-version',
      `${source} info.schema`,
      'missing; expected the v2.0.0 or v2.1.0 collection schema URL',
    );
  }
  const match = /\/v(\d+\.\d+\.\d+)\//.exec(schema);
  const version = match?.[1];
  if (version !== '2.0.0' && version !== '2.1.0') {
    throw new CollectionError(
      'unknown-schema-version',
      `${source} info.schema`,
      `unsupported collection schema ${JSON.stringify(schema)}; supported: v2.0.0, v2.1.0`,
    );
  }
  if (!Array.isArray(candidate.item)) {
    throw new CollectionError(
      'not-a-collection',
      `${source} item`,
      `expected an array of items, got ${kindOf(candidate.item)}`,
    );
  }
  return { collection: candidate as unknown as PostmanCollection, version };
}
