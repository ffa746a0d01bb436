import { type Change, type ChangeKind, change } from './change.js';
import { canonical, isObject, type JsonObject, type SpecDocument, same } from './document.js';

/** Request schemas describe what callers send (loosening is safe); response schemas what they read. */
export type Direction = 'request' | 'response';

export interface SchemaContext {
  base: SpecDocument;
  head: SpecDocument;
  direction: Direction;
  /** Location of the schema's owner, e.g. `GET /v1/people › response 200`. */
  location: string;
  out: Change[];
}

/** A flattened schema (refs resolved, `allOf` merged) and the component name it came from. */
interface Flat {
  schema: JsonObject;
  ref: string | undefined;
}

const LOWER_BOUNDS = new Set([
  'minLength',
  'minimum',
  'exclusiveMinimum',
  'minItems',
  'minProperties',
  'minContains',
]);
const UPPER_BOUNDS = new Set([
  'maxLength',
  'maximum',
  'exclusiveMaximum',
  'maxItems',
  'maxProperties',
  'maxContains',
]);
const OTHER_CONSTRAINTS = new Set(['pattern', 'format', 'multipleOf', 'uniqueItems']);
const DOC_KEYWORDS = new Set(['title', '$comment', 'externalDocs', 'xml']);
/** Keywords this module compares itself; any other keyword that differs is reported as unclassified. */
const HANDLED = new Set([
  ...LOWER_BOUNDS,
  ...UPPER_BOUNDS,
  ...OTHER_CONSTRAINTS,
  ...DOC_KEYWORDS,
  'type',
  'nullable',
  'enum',
  'const',
  'default',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'oneOf',
  'anyOf',
  'allOf',
  'description',
  'example',
  'examples',
  'deprecated',
  'readOnly',
  'writeOnly',
  '$schema',
]);

/** Stands for a property that is only named in `required`, without a schema. */
const REQUIRED_ONLY: JsonObject = Object.freeze({}) as JsonObject;

function flatten(doc: SpecDocument, node: unknown): Flat {
  const { value, ref } = doc.resolve(node);
  if (!isObject(value)) return { schema: value === false ? { not: {} } : {}, ref };
  if (!Array.isArray(value.allOf)) return { schema: value, ref };
  // allOf members are merged into one object schema: properties and required add up, the outer schema wins.
  const { allOf, ...outer } = value;
  const merged: JsonObject = {};
  const properties: JsonObject = {};
  const required = new Set<string>();
  for (const member of [...(allOf as unknown[]), outer]) {
    const { schema } = flatten(doc, member);
    for (const [key, v] of Object.entries(schema)) {
      if (key === 'properties' && isObject(v)) Object.assign(properties, v);
      else if (key === 'required' && Array.isArray(v)) for (const name of v) required.add(String(name));
      else if (member === outer || !(key in merged)) merged[key] = v;
    }
  }
  if (Object.keys(properties).length > 0) merged.properties = properties;
  if (required.size > 0) merged.required = [...required];
  return { schema: merged, ref };
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value === 'object' ? 'object' : typeof value;
}

/** The JSON types a schema allows; `undefined` means any. */
function typesOf(s: JsonObject): Set<string> | undefined {
  let types: Set<string> | undefined;
  if (typeof s.type === 'string') types = new Set([s.type]);
  else if (Array.isArray(s.type)) types = new Set(s.type.map(String));
  else if (isObject(s.properties) || s.additionalProperties !== undefined) types = new Set(['object']);
  else if (s.items !== undefined) types = new Set(['array']);
  else if (enumOf(s)) types = new Set((enumOf(s) ?? []).map(jsonType)); // `enum: [a, b]` alone is still typed
  if (types && s.nullable === true) types.add('null');
  return types;
}

function covers(head: Set<string> | undefined, base: Set<string> | undefined): boolean {
  if (!head) return true;
  if (!base) return false;
  return [...base].every((t) => head.has(t) || (t === 'integer' && head.has('number')));
}

function describeTypes(types: Set<string> | undefined): string {
  return types ? [...types].join(' | ') : 'any';
}

function enumOf(s: JsonObject): unknown[] | undefined {
  if (Array.isArray(s.enum)) return s.enum;
  if ('const' in s) return [s.const];
  return undefined;
}

function show(value: unknown): string {
  return value === undefined ? '(none)' : JSON.stringify(value);
}

function join(path: string, segment: string): string {
  if (!path) return segment;
  return segment.startsWith('[') || segment.startsWith('{') ? `${path}${segment}` : `${path}.${segment}`;
}

class SchemaComparison {
  constructor(private readonly ctx: SchemaContext) {}

  private report(kind: ChangeKind, path: string, detail = ''): void {
    this.ctx.out.push(change(kind, path ? `${this.ctx.location} › ${path}` : this.ctx.location, detail));
  }

  /** Picks the request or the response kind for a change whose meaning depends on the direction. */
  private directed(request: ChangeKind, response: ChangeKind, path: string, detail: string): void {
    this.report(this.ctx.direction === 'request' ? request : response, path, detail);
  }

  compare(baseNode: unknown, headNode: unknown, path: string, ancestors: ReadonlySet<string>): void {
    const b = flatten(this.ctx.base, baseNode);
    const h = flatten(this.ctx.head, headNode);
    const pair = `${b.ref ?? ''}|${h.ref ?? ''}`;
    if (pair !== '|') {
      // A recursive schema: this pair is already being compared further up.
      if (ancestors.has(pair)) return;
      ancestors = new Set([...ancestors, pair]);
    }
    this.compareDocs(b.schema, h.schema, path);
    if (!this.compareTypes(b.schema, h.schema, path)) return;
    this.compareEnums(b.schema, h.schema, path);
    this.compareConstraints(b.schema, h.schema, path);
    this.compareProperties(b.schema, h.schema, path, ancestors);
    this.compareAdditional(b.schema, h.schema, path, ancestors);
    this.compareItems(b.schema, h.schema, path, ancestors);
    this.compareUnions(b.schema, h.schema, path, ancestors);
    for (const key of new Set([...Object.keys(b.schema), ...Object.keys(h.schema)])) {
      if (HANDLED.has(key) || same(b.schema[key], h.schema[key])) continue;
      if (key.startsWith('x-')) this.report('extension-changed', path, key);
      else this.report('unclassified-change', path, `keyword \`${key}\``);
    }
  }

  private compareDocs(b: JsonObject, h: JsonObject, path: string): void {
    if (!same(b.description, h.description)) this.report('description-changed', path);
    if (!same(b.example, h.example) || !same(b.examples, h.examples)) this.report('example-changed', path);
    for (const key of DOC_KEYWORDS)
      if (!same(b[key], h[key])) this.report('documentation-changed', path, key);
    if (b.deprecated !== h.deprecated) {
      if (h.deprecated === true) this.report('deprecated', path);
      else this.report('documentation-changed', path, 'no longer deprecated');
    }
    for (const key of ['readOnly', 'writeOnly', '$schema']) {
      if (!same(b[key], h[key]))
        this.report('documentation-changed', path, `${key} ${show(b[key])} → ${show(h[key])}`);
    }
  }

  /** Returns false when the types differ so much that comparing the insides would only add noise. */
  private compareTypes(b: JsonObject, h: JsonObject, path: string): boolean {
    const bt = typesOf(b);
    const ht = typesOf(h);
    if (bt === ht || (bt && ht && same([...bt].sort(), [...ht].sort()))) return true;
    const detail = `${describeTypes(bt)} → ${describeTypes(ht)}`;
    if (this.ctx.direction === 'request' && covers(ht, bt)) this.report('request-type-widened', path, detail);
    else this.directed('request-type-changed', 'response-type-changed', path, detail);
    const shared = (t: string) => (!bt || bt.has(t)) && (!ht || ht.has(t));
    return shared('object') || shared('array') || (bt !== undefined && ht !== undefined && covers(ht, bt));
  }

  private compareEnums(b: JsonObject, h: JsonObject, path: string): void {
    const be = enumOf(b);
    const he = enumOf(h);
    if (be && he) {
      for (const v of be) if (!he.some((w) => same(v, w))) this.report('enum-value-removed', path, show(v));
      for (const v of he) if (!be.some((w) => same(v, w))) this.report('enum-value-added', path, show(v));
    } else if (be) {
      this.directed('request-constraint-loosened', 'response-type-changed', path, 'enum removed');
    } else if (he) {
      this.directed('request-constraint-tightened', 'response-type-changed', path, `enum ${show(he)} added`);
    }
  }

  private compareConstraints(b: JsonObject, h: JsonObject, path: string): void {
    for (const key of [...LOWER_BOUNDS, ...UPPER_BOUNDS, ...OTHER_CONSTRAINTS]) {
      const bv = b[key];
      const hv = h[key];
      if (same(bv, hv)) continue;
      const detail = `${key} ${show(bv)} → ${show(hv)}`;
      if (this.ctx.direction === 'response') {
        this.report('response-constraint-changed', path, detail);
        continue;
      }
      let tighter: boolean;
      if (hv === undefined || hv === false) tighter = false;
      else if (bv === undefined || bv === false) tighter = true;
      else if (typeof bv === 'number' && typeof hv === 'number' && LOWER_BOUNDS.has(key)) tighter = hv > bv;
      else if (typeof bv === 'number' && typeof hv === 'number' && UPPER_BOUNDS.has(key)) tighter = hv < bv;
      else tighter = true; // a different pattern, format or multipleOf may reject what was accepted
      this.report(tighter ? 'request-constraint-tightened' : 'request-constraint-loosened', path, detail);
    }
    if (!same(b.default, h.default))
      this.report('default-changed', path, `${show(b.default)} → ${show(h.default)}`);
  }

  /** Properties a side of the exchange sees: requests never carry readOnly ones, responses never writeOnly. */
  private visible(doc: SpecDocument, s: JsonObject): Map<string, unknown> {
    const hidden = this.ctx.direction === 'request' ? 'readOnly' : 'writeOnly';
    const result = new Map<string, unknown>();
    if (isObject(s.properties)) {
      for (const [name, node] of Object.entries(s.properties)) {
        if (flatten(doc, node).schema[hidden] !== true) result.set(name, node);
      }
    }
    // A required name without a schema still has to be there: a field of any type.
    if (Array.isArray(s.required)) {
      for (const name of s.required) if (!result.has(String(name))) result.set(String(name), REQUIRED_ONLY);
    }
    return result;
  }

  private signature(doc: SpecDocument, node: unknown): string {
    const { description, title, example, examples, ...rest } = flatten(doc, node).schema;
    return canonical(rest);
  }

  private compareProperties(
    b: JsonObject,
    h: JsonObject,
    path: string,
    ancestors: ReadonlySet<string>,
  ): void {
    const bp = this.visible(this.ctx.base, b);
    const hp = this.visible(this.ctx.head, h);
    if (bp.size === 0 && hp.size === 0) return;
    const breq = new Set(Array.isArray(b.required) ? b.required.map(String) : []);
    const hreq = new Set(Array.isArray(h.required) ? h.required.map(String) : []);
    const removed = [...bp.keys()].filter((n) => !hp.has(n));
    const added = [...hp.keys()].filter((n) => !bp.has(n));
    const renamed = new Map<string, string>();
    if (this.ctx.direction === 'request') {
      // A removed and an added field with the same schema (and nothing else like it) is one field renamed.
      const sig = (doc: SpecDocument, node: unknown) => this.signature(doc, node);
      for (const old of removed) {
        const oldSig = sig(this.ctx.base, bp.get(old));
        const matches = added.filter((n) => sig(this.ctx.head, hp.get(n)) === oldSig);
        const rivals = removed.filter((n) => sig(this.ctx.base, bp.get(n)) === oldSig);
        if (matches.length === 1 && rivals.length === 1 && matches[0]) renamed.set(old, matches[0]);
      }
    }
    const renamedTo = new Set(renamed.values());
    for (const name of removed) {
      const to = renamed.get(name);
      if (to) this.report('request-field-renamed', join(path, name), `${name} → ${to}`);
      else this.directed('request-field-removed', 'response-field-removed', join(path, name), '');
    }
    for (const name of added) {
      if (renamedTo.has(name)) continue;
      if (this.ctx.direction === 'response') this.report('response-field-added', join(path, name));
      else
        this.report(
          hreq.has(name) ? 'request-field-added-required' : 'request-field-added',
          join(path, name),
        );
    }
    for (const [name, node] of bp) {
      if (!hp.has(name)) continue;
      const at = join(path, name);
      if (!breq.has(name) && hreq.has(name)) {
        this.directed('request-field-became-required', 'response-field-became-required', at, '');
      } else if (breq.has(name) && !hreq.has(name)) {
        this.directed('request-field-became-optional', 'response-field-became-optional', at, '');
      }
      const headNode = hp.get(name);
      if ((node === REQUIRED_ONLY) !== (headNode === REQUIRED_ONLY)) {
        // The schema went away (or came) while the name stayed in `required`: a field of any type.
        const types = (n: unknown, doc: SpecDocument) =>
          n === REQUIRED_ONLY
            ? 'any (only listed in required)'
            : describeTypes(typesOf(flatten(doc, n).schema));
        const detail = `${types(node, this.ctx.base)} → ${types(headNode, this.ctx.head)}`;
        if (this.ctx.direction === 'request' && headNode === REQUIRED_ONLY) {
          this.report('request-type-widened', at, detail);
        } else this.directed('request-type-changed', 'response-type-changed', at, detail);
        continue;
      }
      this.compare(node, headNode, at, ancestors);
    }
  }

  private compareAdditional(
    b: JsonObject,
    h: JsonObject,
    path: string,
    ancestors: ReadonlySet<string>,
  ): void {
    const bv = b.additionalProperties ?? true;
    const hv = h.additionalProperties ?? true;
    if (isObject(bv) && isObject(hv)) {
      this.compare(bv, hv, join(path, '{}'), ancestors);
      return;
    }
    if (same(bv, hv)) return;
    // false accepts no extra keys, a schema some, true any.
    const rank = (v: unknown) => (v === false ? 0 : v === true ? 2 : 1);
    const detail = `additionalProperties ${show(b.additionalProperties)} → ${show(h.additionalProperties)}`;
    if (this.ctx.direction === 'response') this.report('response-type-changed', path, detail);
    else if (rank(hv) > rank(bv)) this.report('request-constraint-loosened', path, detail);
    else this.report('request-constraint-tightened', path, detail);
  }

  private compareItems(b: JsonObject, h: JsonObject, path: string, ancestors: ReadonlySet<string>): void {
    if (b.items === undefined && h.items === undefined) return;
    if (b.items !== undefined && h.items !== undefined) {
      this.compare(b.items, h.items, join(path, '[]'), ancestors);
      return;
    }
    const detail = h.items === undefined ? 'item schema removed' : 'item schema added';
    if (this.ctx.direction === 'response') this.report('response-type-changed', path, detail);
    else
      this.report(
        h.items === undefined ? 'request-constraint-loosened' : 'request-constraint-tightened',
        path,
        detail,
      );
  }

  private compareUnions(b: JsonObject, h: JsonObject, path: string, ancestors: ReadonlySet<string>): void {
    const bk = Array.isArray(b.oneOf) ? 'oneOf' : Array.isArray(b.anyOf) ? 'anyOf' : undefined;
    const hk = Array.isArray(h.oneOf) ? 'oneOf' : Array.isArray(h.anyOf) ? 'anyOf' : undefined;
    if (!bk && !hk) return;
    if (!bk || !hk || bk !== hk) {
      const detail = `${bk ?? 'no union'} → ${hk ?? 'no union'}`;
      this.directed('request-type-changed', 'response-type-changed', path, detail);
      return;
    }
    const label = (doc: SpecDocument, node: unknown, index: number) => {
      const { value, ref } = doc.resolve(node);
      if (ref) return ref;
      return isObject(value) && typeof value.title === 'string' ? value.title : String(index);
    };
    const bv = (b[bk] as unknown[]).map((node, i) => ({ node, label: label(this.ctx.base, node, i) }));
    const hv = (h[hk] as unknown[]).map((node, i) => ({ node, label: label(this.ctx.head, node, i) }));
    const matchedHead = new Set<number>();
    const pairs: [number, number][] = [];
    bv.forEach((v, i) => {
      const j = hv.findIndex((w, k) => !matchedHead.has(k) && w.label === v.label);
      if (j >= 0) {
        matchedHead.add(j);
        pairs.push([i, j]);
      }
    });
    for (const [i, j] of pairs) {
      const bvi = bv[i];
      const hvj = hv[j];
      if (bvi && hvj) this.compare(bvi.node, hvj.node, join(path, `${bk}[${hvj.label}]`), ancestors);
    }
    const pairedBase = new Set(pairs.map(([i]) => i));
    bv.forEach((v, i) => {
      if (!pairedBase.has(i))
        this.directed(
          'request-type-changed',
          'response-type-changed',
          path,
          `${bk} variant ${v.label} removed`,
        );
    });
    hv.forEach((v, j) => {
      if (!matchedHead.has(j))
        this.directed(
          'request-type-widened',
          'response-type-changed',
          path,
          `${hk} variant ${v.label} added`,
        );
    });
  }
}

/** Compares two schemas (either may be a `$ref`) and appends every change to `ctx.out`. */
export function compareSchema(ctx: SchemaContext, base: unknown, head: unknown, path = ''): void {
  new SchemaComparison(ctx).compare(base, head, path, new Set());
}
