import { type Change, change, sortChanges } from './change.js';
import { isObject, type JsonObject, operations, type SpecDocument, same } from './document.js';
import { compareDocs, compareRest } from './fallback.js';
import { compareOperation } from './operation.js';
import { compareSchema } from './schema.js';
import { compareSecuritySchemes } from './security.js';
import { compareServers } from './servers.js';

const ROOT_HANDLED = new Set([
  'openapi',
  'info',
  'servers',
  'paths',
  'components',
  'security',
  'tags',
  'externalDocs',
]);
const PATH_ITEM_HANDLED = new Set([
  'summary',
  'description',
  'parameters',
  'servers',
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
]);

function section(doc: SpecDocument, name: string): JsonObject {
  const components = isObject(doc.root.components) ? doc.root.components : {};
  const value = components[name];
  return isObject(value) ? value : {};
}

function compareInfo(out: Change[], base: JsonObject, head: JsonObject): void {
  const b = isObject(base.info) ? base.info : {};
  const h = isObject(head.info) ? head.info : {};
  if (!same(b.description, h.description)) out.push(change('description-changed', 'info'));
  for (const key of new Set([...Object.keys(b), ...Object.keys(h)])) {
    if (key === 'description' || same(b[key], h[key])) continue;
    out.push(change(key.startsWith('x-') ? 'extension-changed' : 'documentation-changed', 'info', key));
  }
}

function compareTags(out: Change[], base: JsonObject, head: JsonObject): void {
  const byName = (list: unknown) =>
    new Map((Array.isArray(list) ? list : []).filter(isObject).map((t) => [String(t.name), t] as const));
  const b = byName(base.tags);
  const h = byName(head.tags);
  for (const name of new Set([...b.keys(), ...h.keys()])) {
    const bt = b.get(name);
    const ht = h.get(name);
    if (!bt || !ht)
      out.push(change('documentation-changed', `tags › ${name}`, bt ? 'tag removed' : 'tag added'));
    else if (!same(bt, ht)) out.push(change('documentation-changed', `tags › ${name}`));
  }
}

/**
 * Every change between two curated specs, most severe first. Operations are matched by method and path (with
 * placeholder names ignored); `$ref`s are followed, so a change inside a shared component is reported once for
 * each operation that uses it.
 */
export function diffSpecs(base: SpecDocument, head: SpecDocument): Change[] {
  const out: Change[] = [];
  if (!same(base.root.openapi, head.root.openapi)) {
    out.push(
      change(
        'documentation-changed',
        'openapi',
        `${String(base.root.openapi)} → ${String(head.root.openapi)}`,
      ),
    );
  }
  compareInfo(out, base.root, head.root);
  compareServers(out, 'servers', base.root.servers, head.root.servers);
  compareTags(out, base.root, head.root);
  if (!same(base.root.externalDocs, head.root.externalDocs)) {
    out.push(change('documentation-changed', 'document', 'externalDocs'));
  }

  const bops = operations(base);
  const hops = operations(head);
  for (const [key, b] of bops)
    if (!hops.has(key)) out.push(change('operation-removed', `${b.method} ${b.path}`));
  for (const [key, h] of hops)
    if (!bops.has(key)) out.push(change('operation-added', `${h.method} ${h.path}`));

  // Path-item level documentation and servers, once per path that exists on both sides.
  const bpaths = isObject(base.root.paths) ? base.root.paths : {};
  const hpaths = isObject(head.root.paths) ? head.root.paths : {};
  const normal = (p: string) => p.replace(/\{[^}]*\}/g, '{}');
  const headByNormal = new Map(Object.keys(hpaths).map((p) => [normal(p), p]));
  for (const key of new Set([...Object.keys(bpaths), ...Object.keys(hpaths)])) {
    if (key.startsWith('x-') && !same(bpaths[key], hpaths[key]))
      out.push(change('extension-changed', 'paths', key));
  }
  for (const bp of Object.keys(bpaths)) {
    if (bp.startsWith('x-')) continue;
    const hp = headByNormal.get(normal(bp));
    if (!hp) continue;
    const bi = base.object(bpaths[bp]) ?? {};
    const hi = head.object(hpaths[hp]) ?? {};
    compareDocs(out, hp, bi, hi);
    compareServers(out, hp, bi.servers, hi.servers);
    compareRest(out, hp, bi, hi, PATH_ITEM_HANDLED);
  }

  for (const [key, b] of bops) {
    const h = hops.get(key);
    if (h) compareOperation(out, base, head, b, h);
  }

  compareSecuritySchemes(out, base, head);
  // Components are exported as types by @replykit/types, so adding or removing one is a change in itself;
  // a component no operation reaches is compared where it is defined.
  const sections = new Set([
    ...Object.keys(isObject(base.root.components) ? base.root.components : {}),
    ...Object.keys(isObject(head.root.components) ? head.root.components : {}),
  ]);
  sections.delete('securitySchemes');
  for (const name of sections) {
    if (name.startsWith('x-')) {
      const bx = isObject(base.root.components) ? base.root.components[name] : undefined;
      const hx = isObject(head.root.components) ? head.root.components[name] : undefined;
      if (!same(bx, hx)) out.push(change('extension-changed', 'components', name));
      continue;
    }
    const b = section(base, name);
    const h = section(head, name);
    for (const entry of new Set([...Object.keys(b), ...Object.keys(h)])) {
      const at = `components › ${name} › ${entry}`;
      if (!(entry in h)) out.push(change('component-removed', at));
      else if (!(entry in b)) out.push(change('component-added', at));
      else if (!base.reached.has(`${name}/${entry}`) && !head.reached.has(`${name}/${entry}`)) {
        if (name === 'schemas') {
          compareSchema({ base, head, direction: 'response', location: at, out }, b[entry], h[entry]);
        } else if (name === 'examples' && !same(b[entry], h[entry])) {
          out.push(change('example-changed', at));
        } else if (!same(b[entry], h[entry])) {
          out.push(change('unclassified-change', at, 'unused component changed'));
        }
      }
    }
  }
  compareRest(out, 'document', base.root, head.root, ROOT_HANDLED);
  return sortChanges(out);
}
