import { change } from './change.js';
import { compareDocs, compareRest, DOC_KEYS } from './fallback.js';
import { compareContent } from './media-type.js';
import type { OperationSides } from './parameters.js';

const HANDLED = new Set([...DOC_KEYS, 'required', 'content']);

export function compareRequestBody(s: OperationSides): void {
  const b = s.base.object(s.baseOperation.requestBody);
  const h = s.head.object(s.headOperation.requestBody);
  const at = `${s.location} › request body`;
  if (!b && !h) return;
  if (!h) {
    s.out.push(change('request-body-removed', at));
    return;
  }
  if (!b) {
    if (h.required === true)
      s.out.push(change('request-body-became-required', at, 'a required body was added'));
    else s.out.push(change('request-body-added', at));
    return;
  }
  if (b.required !== true && h.required === true) s.out.push(change('request-body-became-required', at));
  if (b.required === true && h.required !== true) s.out.push(change('request-body-became-optional', at));
  compareDocs(s.out, at, b, h);
  compareContent({ base: s.base, head: s.head, direction: 'request', out: s.out }, at, b.content, h.content);
  compareRest(s.out, at, b, h, HANDLED);
}
