import type { paths } from '@replykit/types';
import type { MaybeOptionalInit } from 'openapi-fetch';
import { configError, isNumber, mustBe } from './core/check.js';
import { ReplyError } from './core/errors.js';
import { PAGINATED_ITEMS, type PaginatedPath } from './generated/pagination.js';
import type { ReplyCallOptions } from './options.js';
import { type ReplyResult, unwrap } from './unwrap.js';

type GetOperation<P extends PaginatedPath> = P extends keyof paths ? paths[P] : never;

/** Options of `paginate`: the GET's own `params` (any `page` is the first page), call options, `maxPages`. */
export type PaginateInit<P extends PaginatedPath> = NonNullable<MaybeOptionalInit<GetOperation<P>, 'get'>> &
  ReplyCallOptions & {
    /** Stop after this many pages. */
    maxPages?: number;
  };

type JsonSuccess<Operation> = Operation extends {
  responses: { 200: { content: { 'application/json': infer Body } } };
}
  ? Body
  : never;

type ItemsOf<Body, Key extends PropertyKey> = Body extends unknown
  ? Key extends keyof Body
    ? NonNullable<Body[Key]> extends readonly (infer Item)[]
      ? Item
      : never
    : never
  : never;

/** The type of one item yielded by `paginate(path)`: an element of the page envelope's items array. */
export type PageItem<P extends PaginatedPath> = ItemsOf<
  JsonSuccess<GetOperation<P>['get']>,
  (typeof PAGINATED_ITEMS)[P]
>;

type Get = (path: never, init: never) => Promise<ReplyResult>;

function positiveInteger(value: unknown, name: string, path: string): number | undefined {
  if (value !== undefined && !isNumber(value, 'positive integer'))
    mustBe(`paginate ${path}`, name, 'positive integer', value);
  return value;
}

/**
 * Walks the pages of a page/limit operation and yields their items, starting at `params.query.page` (default 1).
 * Stops after the last page (`pagesCount`, or `next: null`), at an empty page or one shorter than the
 * body's `limit`, or after `maxPages`.
 * A non-2xx page throws the typed error of `unwrap`.
 */
export async function* paginate<P extends PaginatedPath>(
  get: Get,
  path: P,
  init?: PaginateInit<P>,
): AsyncGenerator<PageItem<P>, void, undefined> {
  const key = (PAGINATED_ITEMS as Record<string, string>)[path];
  if (key === undefined) {
    configError(
      'paginate',
      `${String(path)} is not a paged operation (paged: ${Object.keys(PAGINATED_ITEMS).join(', ')})`,
    );
  }
  const { maxPages: maxPagesOption, ...rest } = (init ?? {}) as PaginateInit<P> & {
    params?: { query?: Record<string, unknown> };
  };
  const maxPages = positiveInteger(maxPagesOption, 'maxPages', path);
  const query = rest.params?.query ?? {};
  let page = positiveInteger(query.page, 'params.query.page', path) ?? 1;
  for (let fetched = 0; maxPages === undefined || fetched < maxPages; fetched++, page++) {
    const call = { ...rest, params: { ...rest.params, query: { ...query, page } } };
    const body = (await unwrap(get(path as never, call as never))) as Record<string, unknown> | undefined;
    const items = body?.[key];
    if (!Array.isArray(items)) {
      throw new ReplyError(`paginate: GET ${path} page ${page} returned no "${key}" array`);
    }
    yield* items as PageItem<P>[];
    // `limit` in the body is the page size in effect (the server may cap the requested one).
    if (items.length === 0 || (typeof body?.limit === 'number' && items.length < body.limit)) return;
    if (typeof body?.pagesCount === 'number') {
      if (page >= body.pagesCount) return;
    } else if (body && 'next' in body && body.next == null) {
      return;
    }
  }
}
