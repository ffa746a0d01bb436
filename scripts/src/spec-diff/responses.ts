import { change } from './change.js';
import { isObject, type JsonObject, same } from './document.js';
import { compareDocs, compareRest, DOC_KEYS } from './fallback.js';
import { compareContent } from './media-type.js';
import type { OperationSides } from './parameters.js';
import { compareSchema } from './schema.js';

const RESPONSE_HANDLED = new Set([...DOC_KEYS, 'headers', 'content', 'links']);
const HEADER_HANDLED = new Set([...DOC_KEYS, 'required', 'schema', 'content', 'example', 'examples']);

function lowerKeys(value: unknown): Map<string, [string, unknown]> {
  const map = new Map<string, [string, unknown]>();
  if (isObject(value)) for (const [name, v] of Object.entries(value)) map.set(name.toLowerCase(), [name, v]);
  return map;
}

function compareHeaders(s: OperationSides, location: string, base: JsonObject, head: JsonObject): void {
  const bh = lowerKeys(base.headers);
  const hh = lowerKeys(head.headers);
  for (const [key, [name]] of bh)
    if (!hh.has(key)) s.out.push(change('response-header-removed', `${location} › header ${name}`));
  for (const [key, [name]] of hh)
    if (!bh.has(key)) s.out.push(change('response-header-added', `${location} › header ${name}`));
  for (const [key, [, rawBase]] of bh) {
    const entry = hh.get(key);
    if (!entry) continue;
    const at = `${location} › header ${entry[0]}`;
    const b = s.base.object(rawBase) ?? {};
    const h = s.head.object(entry[1]) ?? {};
    if (b.required === true && h.required !== true) s.out.push(change('response-field-became-optional', at));
    if (b.required !== true && h.required === true) s.out.push(change('response-field-became-required', at));
    compareDocs(s.out, at, b, h);
    if (!same(b.example, h.example) || !same(b.examples, h.examples))
      s.out.push(change('example-changed', at));
    const ctx = { base: s.base, head: s.head, direction: 'response' as const, location: at, out: s.out };
    if (b.schema !== undefined || h.schema !== undefined) compareSchema(ctx, b.schema ?? {}, h.schema ?? {});
    if (isObject(b.content) || isObject(h.content)) compareContent(ctx, at, b.content, h.content);
    compareRest(s.out, at, b, h, HEADER_HANDLED);
  }
}

export function compareResponses(s: OperationSides): void {
  const b = isObject(s.baseOperation.responses) ? s.baseOperation.responses : {};
  const h = isObject(s.headOperation.responses) ? s.headOperation.responses : {};
  for (const status of Object.keys(b)) {
    if (!(status in h)) s.out.push(change('response-removed', `${s.location} › response ${status}`));
  }
  for (const status of Object.keys(h)) {
    if (!(status in b)) s.out.push(change('response-added', `${s.location} › response ${status}`));
  }
  for (const [status, rawBase] of Object.entries(b)) {
    if (!(status in h)) continue;
    const at = `${s.location} › response ${status}`;
    const br = s.base.object(rawBase) ?? {};
    const hr = s.head.object(h[status]) ?? {};
    compareDocs(s.out, at, br, hr);
    compareHeaders(s, at, br, hr);
    compareContent(
      { base: s.base, head: s.head, direction: 'response', out: s.out },
      at,
      br.content,
      hr.content,
    );
    if (!same(br.links, hr.links)) s.out.push(change('documentation-changed', at, 'links'));
    compareRest(s.out, at, br, hr, RESPONSE_HANDLED);
  }
}
