import { type Change, change } from './change.js';
import { isObject, same } from './document.js';
import { compareRest } from './fallback.js';

const HANDLED = new Set(['url', 'description', 'variables']);

/** Servers are matched by URL: a changed URL is a server removed plus a server added. */
export function compareServers(out: Change[], location: string, base: unknown, head: unknown): void {
  const byUrl = (list: unknown) =>
    new Map(
      (Array.isArray(list) ? list : [])
        .filter(isObject)
        .map((server) => [String(server.url), server] as const),
    );
  const b = byUrl(base);
  const h = byUrl(head);
  for (const url of b.keys()) if (!h.has(url)) out.push(change('server-removed', location, url));
  for (const url of h.keys()) if (!b.has(url)) out.push(change('server-added', location, url));
  for (const [url, bs] of b) {
    const hs = h.get(url);
    if (!hs) continue;
    if (!same(bs.description, hs.description))
      out.push(change('description-changed', location, `server ${url}`));
    if (!same(bs.variables, hs.variables))
      out.push(change('unclassified-change', location, `server ${url} variables`));
    compareRest(out, `${location} › server ${url}`, bs, hs, HANDLED);
  }
}
