import type { paths } from '@replykit/types';
import type { MaybeOptionalInit } from 'openapi-fetch';
import { configError, isNumber, mustBe } from './core/check.js';
import { ReplyError } from './core/errors.js';
import { NUMBERED_PAGES, PAGINATED_ITEMS, type PaginatedPath } from './generated/pagination.js';
import { SERVER_URL } from './generated/throttle.js';
import type { ReplyCallOptions } from './options.js';
import { type ReplyResult, unwrap } from './unwrap.js';

type GetOperation<P extends PaginatedPath> = P extends keyof paths ? paths[P] : never;

/** Options of `paginate`: the GET's own `params` (any `page` is the first page), call options, `maxPages`. */
export type PaginateInit<P extends PaginatedPath> = NonNullable<MaybeOptionalInit<GetOperation<P>, 'get'>> &
  ReplyCallOptions & {
    /** Stop after this many pages. */
    maxPages?: number;
  };

type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

/** The `init` argument of `paginate`: optional unless the operation has required parameters (a path id). */
export type PaginateArgs<P extends PaginatedPath> =
  RequiredKeys<PaginateInit<P>> extends never ? [init?: PaginateInit<P>] : [init: PaginateInit<P>];

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

type Query = Record<string, unknown>;

function positiveInteger(value: unknown, name: string, path: string): number | undefined {
  if (value !== undefined && !isNumber(value, 'positive integer'))
    mustBe(`paginate ${path}`, name, 'positive integer', value);
  return value;
}

/** `path` with its `{name}` placeholders filled in from `params.path`, as openapi-fetch sends it. */
function resolvedPath(path: string, values: Query | undefined): string {
  return path.replace(/\{([^}]+)\}/g, (placeholder, name: string) =>
    values?.[name] === undefined ? placeholder : encodeURIComponent(String(values[name])),
  );
}

/**
 * The query of the next page from the envelope's `next` link. Only its query is used: the request goes to the
 * same operation on the client's own `baseUrl`, so the API key never follows a link to another host. A link to
 * another path is an error.
 */
function nextQuery(next: string, path: string, where: string): Query {
  let url: URL;
  try {
    url = new URL(next, SERVER_URL);
  } catch {
    throw new ReplyError(`${where} has a next link that is not a URL`);
  }
  const decoded = decodeURIComponent(url.pathname).toLowerCase();
  if (!decoded.endsWith(decodeURIComponent(path).toLowerCase()))
    throw new ReplyError(`${where} links its next page to another path (${url.pathname}, expected ${path})`);
  const query: Query = {};
  url.searchParams.forEach((value, name) => {
    query[name] = value;
  });
  return query;
}

/**
 * Walks the pages of a paged operation and yields their items, starting with the call's own `params` (for
 * operations that take one, `params.query.page` is the first page, default 1). The next page is the envelope's
 * `next` link (its query merged over the call's; the request stays on the client's `baseUrl`), else, for
 * operations that take `page`, the next page number. It stops after the last page (`pagesCount`, or
 * `next: null`), at an empty page or one shorter than the body's `limit`, or after `maxPages`; a next link that
 * repeats an earlier page throws instead of looping. A non-2xx page throws the typed error of `unwrap`.
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
    params?: { query?: Query; path?: Query };
  };
  const maxPages = positiveInteger(maxPagesOption, 'maxPages', path);
  const numbered = NUMBERED_PAGES.includes(path);
  let query: Query = rest.params?.query ?? {};
  let page = positiveInteger(query.page, 'params.query.page', path) ?? 1;
  if (numbered) query = { ...query, page };
  const target = resolvedPath(path, rest.params?.path);
  const requested = new Set<string>();
  for (let fetched = 0; maxPages === undefined || fetched < maxPages; fetched++, page++) {
    const where = `paginate: GET ${target} page ${page}`;
    requested.add(new URLSearchParams(query as Record<string, string>).toString());
    const call = { ...rest, params: { ...rest.params, query } };
    const body = (await unwrap(get(path as never, call as never))) as Query | undefined;
    const items = body?.[key];
    if (!Array.isArray(items)) throw new ReplyError(`${where} returned no "${key}" array`);
    yield* items as PageItem<P>[];
    // `limit` in the body is the page size in effect (the server may cap the requested one).
    if (items.length === 0 || (typeof body?.limit === 'number' && items.length < body.limit)) return;
    const current = typeof body?.page === 'number' ? body.page : page;
    if (typeof body?.pagesCount === 'number' && current >= body.pagesCount) return;
    const next = body?.next;
    if (typeof next === 'string' && next !== '') {
      query = { ...query, ...nextQuery(next, target, where) };
      if (requested.has(new URLSearchParams(query as Record<string, string>).toString()))
        throw new ReplyError(`${where} links its next page back to a page already fetched`);
    } else if (numbered && next !== null) {
      query = { ...query, page: page + 1 };
    } else if (next === undefined && typeof body?.pagesCount === 'number') {
      // More pages, and no way to ask for the next one: an error rather than a silently short walk.
      throw new ReplyError(`${where} of ${body.pagesCount} has no next link`);
    } else {
      return;
    }
  }
}
