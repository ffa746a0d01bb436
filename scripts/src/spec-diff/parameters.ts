import { type Change, change } from './change.js';
import { isObject, type JsonObject, type SpecDocument, same } from './document.js';
import { compareDocs, compareRest, DOC_KEYS } from './fallback.js';
import { compareContent } from './media-type.js';
import { compareSchema } from './schema.js';

interface Parameter {
  label: string;
  name: string;
  value: JsonObject;
}

const HANDLED = new Set([...DOC_KEYS, 'name', 'in', 'required', 'schema', 'content', 'example', 'examples']);

/**
 * The parameters of an operation, path-level ones overridden by operation-level ones. Path parameters are keyed
 * by their position in the path template, so renaming `{id}` to `{contactId}` is seen as a rename; header names
 * are case-insensitive.
 */
function parametersOf(doc: SpecDocument, path: string, pathItem: JsonObject, operation: JsonObject) {
  const placeholders = [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
  const result = new Map<string, Parameter>();
  for (const list of [pathItem.parameters, operation.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const value = doc.object(raw);
      if (!value || typeof value.name !== 'string' || typeof value.in !== 'string') continue;
      const position = placeholders.indexOf(value.name);
      let key = `${value.in}:${value.name}`;
      if (value.in === 'path' && position >= 0) key = `path:#${position}`;
      else if (value.in === 'header') key = `header:${value.name.toLowerCase()}`;
      result.set(key, { label: `${value.in} parameter ${value.name}`, name: value.name, value });
    }
  }
  return result;
}

export interface OperationSides {
  base: SpecDocument;
  head: SpecDocument;
  basePath: string;
  headPath: string;
  baseItem: JsonObject;
  headItem: JsonObject;
  baseOperation: JsonObject;
  headOperation: JsonObject;
  location: string;
  out: Change[];
}

export function compareParameters(s: OperationSides): void {
  const bp = parametersOf(s.base, s.basePath, s.baseItem, s.baseOperation);
  const hp = parametersOf(s.head, s.headPath, s.headItem, s.headOperation);
  for (const [key, p] of bp) {
    if (!hp.has(key)) s.out.push(change('parameter-removed', `${s.location} › ${p.label}`));
  }
  for (const [key, p] of hp) {
    if (bp.has(key)) continue;
    const kind = p.value.required === true ? 'parameter-added-required' : 'parameter-added';
    s.out.push(change(kind, `${s.location} › ${p.label}`));
  }
  for (const [key, b] of bp) {
    const h = hp.get(key);
    if (!h) continue;
    const at = `${s.location} › ${h.label}`;
    if (b.name !== h.name) s.out.push(change('parameter-renamed', at, `${b.name} → ${h.name}`));
    if (b.value.required !== true && h.value.required === true)
      s.out.push(change('parameter-became-required', at));
    if (b.value.required === true && h.value.required !== true)
      s.out.push(change('parameter-became-optional', at));
    compareDocs(s.out, at, b.value, h.value);
    if (!same(b.value.example, h.value.example) || !same(b.value.examples, h.value.examples)) {
      s.out.push(change('example-changed', at));
    }
    const ctx = { base: s.base, head: s.head, direction: 'request' as const, location: at, out: s.out };
    if (b.value.schema !== undefined || h.value.schema !== undefined) {
      compareSchema(ctx, b.value.schema ?? {}, h.value.schema ?? {});
    }
    if (isObject(b.value.content) || isObject(h.value.content))
      compareContent(ctx, at, b.value.content, h.value.content);
    compareRest(s.out, at, b.value, h.value, HANDLED);
  }
}
