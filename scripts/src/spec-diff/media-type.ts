import { type Change, change } from './change.js';
import { isObject, type JsonObject, type SpecDocument, same } from './document.js';
import { compareRest } from './fallback.js';
import { compareSchema, type Direction } from './schema.js';

const HANDLED = new Set(['schema', 'example', 'examples']);

/** Example values with `$ref`s to `components/examples` resolved, so a changed shared example is seen. */
function examplesOf(doc: SpecDocument, media: JsonObject): unknown {
  if (!isObject(media.examples)) return media.example;
  return Object.fromEntries(
    Object.entries(media.examples).map(([name, ex]) => [name, doc.resolve(ex).value]),
  );
}

export interface ContentContext {
  base: SpecDocument;
  head: SpecDocument;
  direction: Direction;
  out: Change[];
}

/**
 * Compares the `content` maps of a request body or a response. `location` names the owner, e.g.
 * `GET /v1/people › response 200`; a media type other than JSON is added in parentheses.
 */
export function compareContent(ctx: ContentContext, location: string, base: unknown, head: unknown): void {
  const b = isObject(base) ? base : {};
  const h = isObject(head) ? head : {};
  const request = ctx.direction === 'request';
  for (const type of Object.keys(b)) {
    if (!(type in h))
      ctx.out.push(
        change(request ? 'request-media-type-removed' : 'response-media-type-removed', location, type),
      );
  }
  for (const type of Object.keys(h)) {
    if (!(type in b))
      ctx.out.push(
        change(request ? 'request-media-type-added' : 'response-media-type-added', location, type),
      );
  }
  for (const [type, rawBase] of Object.entries(b)) {
    if (!(type in h)) continue;
    const bm = ctx.base.object(rawBase) ?? {};
    const hm = ctx.head.object(h[type]) ?? {};
    const at = type === 'application/json' ? location : `${location} (${type})`;
    if (!same(examplesOf(ctx.base, bm), examplesOf(ctx.head, hm)))
      ctx.out.push(change('example-changed', at));
    if (bm.schema !== undefined || hm.schema !== undefined) {
      compareSchema({ ...ctx, location: at }, bm.schema ?? {}, hm.schema ?? {});
    }
    compareRest(ctx.out, at, bm, hm, HANDLED);
  }
}
