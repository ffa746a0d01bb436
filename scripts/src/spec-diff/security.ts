import { type Change, change } from './change.js';
import { isObject, type JsonObject, type SpecDocument, same } from './document.js';

/** The security requirements that apply to an operation, as a canonical text like `apiKey | oauth[read]`. */
export function effectiveSecurity(doc: SpecDocument, operation: JsonObject): string {
  const list = Array.isArray(operation.security) ? operation.security : doc.root.security;
  if (!Array.isArray(list) || list.length === 0) return 'none';
  return list
    .map((req) => {
      if (!isObject(req)) return '?';
      const names = Object.keys(req).sort();
      if (names.length === 0) return 'anonymous';
      return names
        .map((n) => {
          const scopes = Array.isArray(req[n]) ? (req[n] as unknown[]).map(String).sort() : [];
          return scopes.length ? `${n}[${scopes.join(',')}]` : n;
        })
        .join(' + ');
    })
    .sort()
    .join(' | ');
}

/** Security schemes are compared once, where they are defined; a description change is only patch. */
export function compareSecuritySchemes(out: Change[], base: SpecDocument, head: SpecDocument): void {
  const schemes = (doc: SpecDocument) => {
    const components = isObject(doc.root.components) ? doc.root.components : {};
    return isObject(components.securitySchemes) ? components.securitySchemes : {};
  };
  const b = schemes(base);
  const h = schemes(head);
  for (const name of new Set([...Object.keys(b), ...Object.keys(h)])) {
    const at = `components › securitySchemes › ${name}`;
    if (name.startsWith('x-')) {
      if (!same(b[name], h[name]))
        out.push(change('extension-changed', 'components › securitySchemes', name));
      continue;
    }
    const bs = base.object(b[name]);
    const hs = head.object(h[name]);
    if (!bs || !hs) {
      out.push(change('security-changed', at, bs ? 'scheme removed' : 'scheme added'));
      continue;
    }
    const { description: bd, ...brest } = bs;
    const { description: hd, ...hrest } = hs;
    if (!same(bd, hd)) out.push(change('description-changed', at));
    for (const key of new Set([...Object.keys(brest), ...Object.keys(hrest)])) {
      if (same(brest[key], hrest[key])) continue;
      out.push(change(key.startsWith('x-') ? 'extension-changed' : 'security-changed', at, key));
    }
  }
}
