import { ReplyMockConfigError } from './errors.js';
import type { JsonSchema, Operation } from './operations.js';
import { deref, type OpenApiDocument } from './spec.js';
import type { ValidationIssue } from './validation.js';

/**
 * Page envelopes (ADR 0032): a 200 JSON response whose schema (through `$ref`, `allOf`, `oneOf`/`anyOf`) has
 * `pagesCount` or `next` next to exactly one array property, the same rule `@replykit/client` paginates by.
 * With `pagedItems`, such an operation answers as if it held that many items, sliced by `page` and `limit`.
 */

/** Envelope properties the mock fills truthfully when the schema has them. */
const ENVELOPE_FIELDS = ['total', 'page', 'limit', 'pagesCount', 'next', 'previous'] as const;
/** Reply's page size when a request names none. */
export const DEFAULT_PAGE_LIMIT = 100;

type Schema = Record<string, unknown>;

/** The envelope shape of one schema: the items property and the envelope fields it documents. */
export interface EnvelopeShape {
  /** The property holding the items, e.g. `people`. */
  itemsKey: string;
  /** The schema of each envelope field present (`total`, `page`, `limit`, `pagesCount`, `next`, `previous`). */
  fields: Map<string, Schema>;
  /** Required properties of the envelope. */
  required: ReadonlySet<string>;
  /** The schema of one item, `undefined` when the array says nothing about its items. */
  itemSchema: JsonSchema | undefined;
}

/** How one operation pages. */
export interface PageEnvelope extends EnvelopeShape {
  /** Whether the operation documents a `page` / `limit` query parameter (then validation checks their values). */
  documents: { page: boolean; limit: boolean };
  /** Page size when neither the request nor the example names one: the `limit` parameter's default, else 100. */
  defaultLimit: number;
  /** The documented largest `limit` (parameter or envelope schema `maximum`), if any. */
  maxLimit: number | undefined;
}

/** The envelope shape of a schema, or `undefined` when no variant of it is a page envelope. */
export function envelopeShape(
  doc: OpenApiDocument,
  schema: JsonSchema | undefined,
): EnvelopeShape | undefined {
  for (const variant of variants(doc, schema, 0)) {
    const properties = variant.properties as Record<string, JsonSchema>;
    if (!('pagesCount' in properties) && !('next' in properties)) continue;
    const arrays = Object.keys(properties).filter((name) => isArray(resolve(doc, properties[name])));
    if (arrays.length !== 1) continue;
    const itemsKey = arrays[0] as string;
    const fields = new Map<string, Schema>();
    for (const name of ENVELOPE_FIELDS) {
      if (name in properties) fields.set(name, resolve(doc, properties[name]) ?? {});
    }
    const required = new Set(Array.isArray(variant.required) ? (variant.required as string[]) : []);
    const itemSchema = resolve(doc, properties[itemsKey])?.items as JsonSchema | undefined;
    return { itemsKey, fields, required, itemSchema };
  }
  return undefined;
}

/** The page envelope of a GET operation's 200 JSON response, `undefined` for every other operation. */
export function pageEnvelopeOf(doc: OpenApiDocument, operation: Operation): PageEnvelope | undefined {
  if (operation.method !== 'GET') return undefined;
  const content = operation.responses['200']?.content ?? {};
  const media =
    content['application/json'] ??
    Object.entries(content).find(([type]) => type.toLowerCase().includes('json'))?.[1];
  const shape = envelopeShape(doc, media?.schema);
  if (!shape) return undefined;
  const query = (name: string) =>
    operation.parameters.find(
      (parameter) => parameter.in === 'query' && parameter.name.toLowerCase() === name,
    );
  const limitSchema = resolve(doc, query('limit')?.schema);
  const maxima = [limitSchema?.maximum, shape.fields.get('limit')?.maximum].filter(
    (value): value is number => typeof value === 'number' && value >= 1,
  );
  const maxLimit = maxima.length > 0 ? Math.floor(Math.min(...maxima)) : undefined;
  const documentedDefault = limitSchema?.default;
  const defaultLimit = positiveInteger(documentedDefault) ? documentedDefault : DEFAULT_PAGE_LIMIT;
  return {
    ...shape,
    documents: { page: query('page') !== undefined, limit: query('limit') !== undefined },
    defaultLimit: maxLimit === undefined ? defaultLimit : Math.min(defaultLimit, maxLimit),
    maxLimit,
  };
}

/**
 * Makes a value built from an envelope schema tell the truth about itself: one page holding its items, no links
 * (a synthesized `next` would be a made-up URL). Values of other schemas are returned as they are.
 */
export function settleSinglePage(shape: EnvelopeShape | undefined, value: unknown): unknown {
  if (!shape || !isRecord(value) || !Array.isArray(value[shape.itemsKey])) return value;
  const count = (value[shape.itemsKey] as unknown[]).length;
  const limitSchema = shape.fields.get('limit');
  const maximum = typeof limitSchema?.maximum === 'number' ? limitSchema.maximum : Number.POSITIVE_INFINITY;
  return fill(shape, value, {
    total: count,
    page: 1,
    limit: Math.max(1, Math.min(DEFAULT_PAGE_LIMIT, maximum), count),
    pagesCount: 1,
    next: null,
    previous: null,
  });
}

/** Whether an example value is an envelope of this shape (a named example may be a single item instead). */
export function isEnvelopeValue(shape: EnvelopeShape, value: unknown): value is Record<string, unknown> {
  return isRecord(value) && Array.isArray(value[shape.itemsKey]);
}

/** What a paged answer needs from the request besides the envelope. */
export interface PageRequest {
  /** The request URL as received: its path and query are reused by the `next`/`previous` links. */
  url: URL;
  /** The origin the links point at, e.g. `http://127.0.0.1:4010`. */
  origin: string;
  /** How many items the operation holds. */
  pagedItems: number;
}

/**
 * One page of `pagedItems` items built from an envelope example: the example's items cycled, with distinct
 * ids and e-mails, sliced by the request's `page` (default 1) and `limit` (default the example's `limit`, else
 * the envelope's default, capped at its maximum). Envelope fields the schema has are filled to match.
 */
export function buildPage(
  envelope: PageEnvelope,
  example: Record<string, unknown>,
  fallbackItem: unknown,
  request: PageRequest,
): Record<string, unknown> {
  const { url, origin, pagedItems } = request;
  const own = example[envelope.itemsKey] as unknown[];
  const seed = own.length > 0 ? own : [fallbackItem];
  const page = queryInteger(url, 'page') ?? 1;
  const exampleLimit = positiveInteger(example.limit) ? example.limit : envelope.defaultLimit;
  const asked = queryInteger(url, 'limit') ?? exampleLimit;
  const limit = envelope.maxLimit === undefined ? asked : Math.min(asked, envelope.maxLimit);
  const pagesCount = Math.max(1, Math.ceil(pagedItems / limit));
  const start = Math.min((page - 1) * limit, pagedItems);
  const end = Math.min(start + limit, pagedItems);
  const items = new Cycle(seed);
  const slice: unknown[] = [];
  for (let index = start; index < end; index++) slice.push(items.at(index));
  return fill(envelope, example, {
    [envelope.itemsKey]: slice,
    total: pagedItems,
    page,
    limit,
    pagesCount,
    next: page < pagesCount ? pageLink(origin, url, page + 1) : null,
    // A page past the end links back to the last page.
    previous: page > 1 ? pageLink(origin, url, Math.min(page - 1, pagesCount)) : null,
  });
}

/**
 * With paging on, an operation that does not document `page` or `limit` still takes them as Reply's own `next`
 * links carry them: a positive integer, anything else is a 400 naming the parameter.
 */
export function pagingIssues(envelope: PageEnvelope, url: URL): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const name of ['page', 'limit'] as const) {
    if (envelope.documents[name]) continue;
    const raw = queryValue(url, name);
    if (raw !== undefined && queryInteger(url, name) === undefined) {
      issues.push({
        in: 'query',
        field: name,
        message: `must be a positive integer (got ${JSON.stringify(raw)})`,
      });
    }
  }
  return issues;
}

/** Checks a `pagedItems` setting: `undefined` (paging off) or a non-negative integer. */
export function checkPagedItems(value: unknown, where = 'pagedItems'): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    const got = typeof value === 'number' ? String(value) : JSON.stringify(value);
    throw new ReplyMockConfigError(`${where} must be a non-negative integer (got ${got})`);
  }
  return value;
}

/** The request URL on `origin` with `page` set (the query parameter's own spelling kept, others untouched). */
export function pageLink(origin: string, url: URL, page: number): string {
  const link = new URL(`${url.pathname}${url.search}`, origin);
  const names = [...new Set(link.searchParams.keys())].filter((name) => name.toLowerCase() === 'page');
  const [name = 'page', ...others] = names;
  for (const other of others) link.searchParams.delete(other);
  link.searchParams.set(name, String(page));
  return link.href;
}

/** The example items repeated as often as needed; copies after the first round get fresh ids and e-mails. */
class Cycle {
  readonly #seed: unknown[];
  readonly #nextId: number;
  /** The first round is the example's own items, unless they already repeat an id or e-mail. */
  readonly #keepFirst: boolean;

  constructor(seed: unknown[]) {
    this.#seed = seed;
    const ids = seed
      .map((item) => (isRecord(item) ? item.id : undefined))
      .filter((id) => typeof id === 'number');
    const emails = seed.map((item) => (isRecord(item) ? item.email : undefined)).filter(isEmail);
    this.#nextId = Math.max(0, ...(ids as number[]).filter(Number.isFinite).map(Math.floor)) + 1;
    this.#keepFirst = new Set(ids).size === ids.length && new Set(emails).size === emails.length;
  }

  at(index: number): unknown {
    const source = this.#seed[index % this.#seed.length];
    if ((this.#keepFirst && index < this.#seed.length) || !isRecord(source)) return source;
    const copy = structuredClone(source);
    const renumbered = this.#keepFirst ? index - this.#seed.length : index;
    if (typeof copy.id === 'number') copy.id = this.#nextId + renumbered;
    if (isEmail(copy.email)) {
      const at = copy.email.lastIndexOf('@');
      copy.email = `${copy.email.slice(0, at)}+${index + 1}${copy.email.slice(at)}`;
    }
    return copy;
  }
}

/** The envelope with `values` set for the fields its schema has; `null` only where the schema allows it. */
function fill(shape: EnvelopeShape, envelope: Record<string, unknown>, values: Record<string, unknown>) {
  const out = { ...envelope };
  for (const [name, value] of Object.entries(values)) {
    if (name === shape.itemsKey) {
      out[name] = value;
      continue;
    }
    const schema = shape.fields.get(name);
    if (schema === undefined) continue;
    if (value !== null || allowsNull(schema)) out[name] = value;
    else if (!shape.required.has(name)) delete out[name];
  }
  return out;
}

function allowsNull(schema: Schema): boolean {
  const type = schema.type;
  if (type === 'null' || (Array.isArray(type) && type.includes('null')) || schema.nullable === true)
    return true;
  return ['oneOf', 'anyOf'].some(
    (key) =>
      Array.isArray(schema[key]) &&
      (schema[key] as unknown[]).some((member) => isRecord(member) && member.type === 'null'),
  );
}

/** Every object variant of a schema: its oneOf/anyOf members, each with its allOf parts merged in. */
function variants(doc: OpenApiDocument, raw: JsonSchema | undefined, depth: number): Schema[] {
  const schema = resolve(doc, raw);
  if (!schema || depth > 8) return [];
  const members = [...((schema.oneOf as JsonSchema[]) ?? []), ...((schema.anyOf as JsonSchema[]) ?? [])];
  if (members.length > 0) return members.flatMap((member) => variants(doc, member, depth + 1));
  const properties = { ...((schema.properties as Schema | undefined) ?? {}) };
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  for (const part of (schema.allOf as JsonSchema[] | undefined) ?? []) {
    for (const variant of variants(doc, part, depth + 1)) {
      Object.assign(properties, variant.properties);
      for (const name of variant.required as string[]) required.add(name);
    }
  }
  return [{ ...schema, properties, required: [...required] }];
}

function resolve(doc: OpenApiDocument, schema: JsonSchema | undefined): Schema | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined;
  return deref(doc, schema, 'response schema');
}

function isArray(schema: Schema | undefined): boolean {
  const type = schema?.type;
  return type === 'array' || (Array.isArray(type) && type.includes('array'));
}

function queryValue(url: URL, name: string): string | undefined {
  // ASP.NET binds query parameters case-insensitively, and a repeated scalar takes its first value.
  for (const [key, value] of url.searchParams) if (key.toLowerCase() === name) return value;
  return undefined;
}

/** A positive integer query value, `undefined` when absent or anything else. */
function queryInteger(url: URL, name: string): number | undefined {
  const raw = queryValue(url, name)?.trim();
  // The numbers validation accepts for an integer parameter ("2", "2.0", "2e1").
  if (raw === undefined || !/^\d+(\.\d+)?([eE][+-]?\d+)?$/.test(raw)) return undefined;
  const value = Number(raw);
  return positiveInteger(value) ? value : undefined;
}

function positiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1;
}

function isEmail(value: unknown): value is string {
  return typeof value === 'string' && value.lastIndexOf('@') > 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
