import { type Change, change } from './change.js';
import { type JsonObject, same } from './document.js';

/**
 * Reports every key of two OpenAPI objects that the caller did not compare itself: `x-` extensions as
 * patch, anything else as an unclassified change to review by hand. This keeps the list exhaustive.
 */
export function compareRest(
  out: Change[],
  location: string,
  base: JsonObject,
  head: JsonObject,
  handled: ReadonlySet<string>,
): void {
  for (const key of new Set([...Object.keys(base), ...Object.keys(head)])) {
    if (handled.has(key) || same(base[key], head[key])) continue;
    if (key.startsWith('x-')) out.push(change('extension-changed', location, key));
    else out.push(change('unclassified-change', location, `\`${key}\``));
  }
}

/** Description, summary and examples of any OpenAPI object that has them. */
export function compareDocs(out: Change[], location: string, base: JsonObject, head: JsonObject): void {
  if (!same(base.summary, head.summary)) out.push(change('summary-changed', location));
  if (!same(base.description, head.description)) out.push(change('description-changed', location));
  if (!same(base.externalDocs, head.externalDocs))
    out.push(change('documentation-changed', location, 'externalDocs'));
  if (base.deprecated !== head.deprecated) {
    if (head.deprecated === true) out.push(change('deprecated', location));
    else out.push(change('documentation-changed', location, 'no longer deprecated'));
  }
}

export const DOC_KEYS = ['summary', 'description', 'externalDocs', 'deprecated'] as const;
