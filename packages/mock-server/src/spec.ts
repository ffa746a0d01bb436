import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { ReplyMockConfigError } from './errors.js';

/** The parts of an OpenAPI 3.1 document the mock server reads; everything else is carried along untouched. */
export interface OpenApiDocument {
  openapi: string;
  info?: { title?: string; version?: string };
  servers?: { url: string }[];
  paths?: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown> | undefined>;
  security?: Record<string, string[]>[];
  [key: string]: unknown;
}

/** Where the spec comes from: a parsed document, or a path/URL of a JSON or YAML file. */
export type SpecSource = OpenApiDocument | string | URL;

export interface LoadedSpec {
  document: OpenApiDocument;
  /** The file the spec was read from, or `(object)` for a document passed in. */
  location: string;
}

/** The curated spec shipped by `@replykit/types`, used when no `spec` option is given. */
export const DEFAULT_SPEC_MODULE = '@replykit/types/openapi.json';

export function loadSpec(source?: SpecSource): LoadedSpec {
  const file = specFile(source);
  if (file !== undefined) return loadFile(file);
  if (typeof source !== 'object' || source === null) {
    throw new ReplyMockConfigError(
      `spec must be an OpenAPI document object or a file path (got ${typeof source})`,
    );
  }
  return { document: checkDocument(structuredClone(source), '(object)'), location: '(object)' };
}

/** The file a spec source names (the default spec's file when none is given), `undefined` for a document. */
export function specFile(source?: SpecSource): string | undefined {
  if (source === undefined) return resolveDefaultSpec();
  if (typeof source === 'string') return source;
  if (source instanceof URL) return fileURLToPath(source);
  return undefined;
}

function resolveDefaultSpec(): string {
  try {
    return createRequire(import.meta.url).resolve(DEFAULT_SPEC_MODULE);
  } catch {
    throw new ReplyMockConfigError(
      `spec: cannot find the default spec ${DEFAULT_SPEC_MODULE}; install @replykit/types or pass the spec option`,
    );
  }
}

function loadFile(file: string): LoadedSpec {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ReplyMockConfigError(`spec: cannot read ${file} (${code})`);
  }
  let parsed: unknown;
  try {
    parsed = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text, { maxAliasCount: -1 });
  } catch (error) {
    const first = String((error as Error).message).split('\n')[0];
    throw new ReplyMockConfigError(
      `spec: ${file} is not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${first}`,
    );
  }
  return { document: checkDocument(parsed, file), location: file };
}

function checkDocument(value: unknown, location: string): OpenApiDocument {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ReplyMockConfigError(`spec: ${location} is not an OpenAPI document (expected an object)`);
  }
  const doc = value as Partial<OpenApiDocument>;
  if (typeof doc.openapi !== 'string' || !doc.openapi.startsWith('3.')) {
    throw new ReplyMockConfigError(
      `spec: ${location} is not an OpenAPI 3.x document (openapi: ${JSON.stringify(doc.openapi)})`,
    );
  }
  if (typeof doc.paths !== 'object' || doc.paths === null) {
    throw new ReplyMockConfigError(`spec: ${location} has no paths object`);
  }
  return doc as OpenApiDocument;
}

/** Follows one JSON pointer inside the document (`#/components/schemas/Contact`). */
export function resolvePointer(doc: OpenApiDocument, ref: string, where: string): unknown {
  if (!ref.startsWith('#')) {
    throw new ReplyMockConfigError(
      `spec: external $ref "${ref}" at ${where} is not supported (only "#/..." refs)`,
    );
  }
  let node: unknown = doc;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    if (typeof node !== 'object' || node === null || !(key in node)) {
      throw new ReplyMockConfigError(`spec: $ref "${ref}" at ${where} points to nothing`);
    }
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Resolves an OpenAPI object that may be a `$ref` (parameters, responses, request bodies, examples). */
export function deref<T>(doc: OpenApiDocument, value: T, where: string): T {
  let current: unknown = value;
  for (let hops = 0; hops < 32; hops++) {
    if (typeof current !== 'object' || current === null || !('$ref' in current)) return current as T;
    const ref = (current as { $ref: unknown }).$ref;
    if (typeof ref !== 'string') return current as T;
    current = resolvePointer(doc, ref, where);
  }
  throw new ReplyMockConfigError(`spec: $ref cycle at ${where}`);
}
