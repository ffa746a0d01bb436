import type { Contact } from '@replykit/types';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createReplyClient } from '../src/client.js';
import { NotFoundError, ReplyConfigError, ReplyError } from '../src/core/errors.js';
import { json, observedFetch, type SeenRequest } from './helpers.js';

function people(count: number, from = 1) {
  return Array.from({ length: count }, (_, index) => ({
    id: from + index,
    email: `c${from + index}@example.com`,
  }));
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

function pagesOf(total: number, envelope: (page: number, limit: number) => Record<string, unknown>) {
  return observedFetch((request: SeenRequest) => {
    const query = new URL(request.url, 'http://x').searchParams;
    const page = Number(query.get('page'));
    const limit = Number(query.get('limit') ?? 100);
    const from = (page - 1) * limit + 1;
    const count = Math.max(0, Math.min(limit, total - from + 1));
    return json({ people: people(count, from), page, limit, ...envelope(page, limit) });
  });
}

describe('paginate', () => {
  it.each([
    [
      'pagesCount',
      {
        given: {
          total: 25,
          limit: 10,
          envelope: (_p: number, l: number) => ({ pagesCount: Math.ceil(25 / l) }),
        },
        want: { items: 25, requests: 3 },
      },
    ],
    [
      'next',
      {
        given: {
          total: 25,
          limit: 10,
          envelope: (p: number, l: number) => ({
            next: p < 3 ? `https://api.reply.io/v1/people?page=${p + 1}&limit=${l}` : null,
          }),
        },
        want: { items: 25, requests: 3 },
      },
    ],
    [
      'an exact multiple, stopped by pagesCount',
      {
        given: { total: 20, limit: 10, envelope: () => ({ pagesCount: 2 }) },
        want: { items: 20, requests: 2 },
      },
    ],
    [
      'neither: stops at an empty page',
      { given: { total: 20, limit: 10, envelope: () => ({}) }, want: { items: 20, requests: 3 } },
    ],
    [
      'no items at all',
      {
        given: { total: 0, limit: 10, envelope: () => ({ pagesCount: 0 }) },
        want: { items: 0, requests: 1 },
      },
    ],
  ])('walks every page using %s', async (_name, { given, want }) => {
    const { fetch, seen } = pagesOf(given.total, given.envelope);
    const reply = createReplyClient({ apiKey: 'k', fetch });
    const items = await collect(reply.paginate('/v1/people', { params: { query: { limit: given.limit } } }));
    expect(items.map((item) => item.id)).toEqual(people(want.items).map((item) => item.id));
    expect(seen).toHaveLength(want.requests);
    expect(seen.map((request) => request.url)).toEqual(
      Array.from(
        { length: want.requests },
        (_, index) => `/v1/people?limit=${given.limit}&page=${index + 1}`,
      ),
    );
  });

  it('types the items', () => {
    const reply = createReplyClient({ apiKey: 'k', fetch: async () => json({}) });
    expectTypeOf(reply.paginate('/v1/people')).toEqualTypeOf<AsyncGenerator<Contact, void, undefined>>();
    expectTypeOf(
      reply.paginate('/v1/people/list/{listId}', { params: { path: { listId: 7 } } }),
    ).toEqualTypeOf<AsyncGenerator<Contact, void, undefined>>();
    // @ts-expect-error a list's contacts need the list id.
    expect(() => reply.paginate('/v1/people/list/{listId}')).toBeTypeOf('function');
    // @ts-expect-error `/v1/campaigns` is not a paged operation.
    expect(() => reply.paginate('/v1/campaigns')).toBeTypeOf('function');
  });

  it('starts at params.query.page and stops after maxPages', async () => {
    const { fetch, seen } = pagesOf(1_000, () => ({ pagesCount: 100 }));
    const reply = createReplyClient({ apiKey: 'k', fetch });
    const items = await collect(
      reply.paginate('/v1/people', { params: { query: { page: 3, limit: 10 } }, maxPages: 2 }),
    );
    expect(items.map((item) => item.id)).toEqual(people(20, 21).map((item) => item.id));
    expect(seen.map((request) => request.url)).toEqual([
      '/v1/people?page=3&limit=10',
      '/v1/people?page=4&limit=10',
    ]);
  });

  it('stops fetching when the consumer breaks out', async () => {
    const { fetch, seen } = pagesOf(1_000, () => ({ pagesCount: 100 }));
    const reply = createReplyClient({ apiKey: 'k', fetch });
    for await (const contact of reply.paginate('/v1/people', { params: { query: { limit: 10 } } })) {
      if (contact.id === 15) break;
    }
    expect(seen).toHaveLength(2);
  });

  it('throws the typed error of a failed page', async () => {
    const { fetch } = observedFetch((_request, index) =>
      index === 0 ? json({ people: people(2), pagesCount: 3 }) : json({ message: 'gone' }, 404),
    );
    const reply = createReplyClient({ apiKey: 'k', fetch });
    const items: unknown[] = [];
    const error = await (async () => {
      for await (const item of reply.paginate('/v1/people')) items.push(item);
    })().catch((caught: unknown) => caught);
    expect(items).toHaveLength(2);
    expect(error).toBeInstanceOf(NotFoundError);
  });

  it.each([
    [
      'maxPages 0',
      { given: { maxPages: 0 }, want: 'paginate /v1/people: maxPages must be a positive integer (got 0)' },
    ],
    [
      'page 0',
      {
        given: { params: { query: { page: 0 } } },
        want: 'paginate /v1/people: params.query.page must be a positive integer (got 0)',
      },
    ],
  ])('rejects %s', async (_name, { given, want }) => {
    const reply = createReplyClient({ apiKey: 'k', fetch: async () => json({}) });
    await expect(collect(reply.paginate('/v1/people', given))).rejects.toThrow(new ReplyConfigError(want));
  });

  it('rejects an operation that is not paged, and a body without the items array', async () => {
    const { fetch } = observedFetch(() => json({ id: 1 }));
    const reply = createReplyClient({ apiKey: 'k', fetch });
    await expect(collect(reply.paginate('/v1/campaigns' as '/v1/people'))).rejects.toThrow(
      /^paginate: \/v1\/campaigns is not a paged operation \(paged: .*\/v1\/people.*\)$/,
    );
    await expect(collect(reply.paginate('/v1/people'))).rejects.toThrow(
      new ReplyError('paginate: GET /v1/people page 1 returned no "people" array'),
    );
  });

  it.each([
    [
      'by list id, through its next links',
      {
        given: {
          path: '/v1/people/list/{listId}',
          init: { params: { path: { listId: 7 } } },
          next: (page: number) => `https://api.reply.io/v1/people/list/7?page=${page + 1}`,
        },
        want: ['/v1/people/list/7', '/v1/people/list/7?page=2', '/v1/people/list/7?page=3'],
      },
    ],
    [
      "by list name, keeping the call's own query",
      {
        given: {
          path: '/v1/people/list',
          init: { params: { query: { name: 'My List' } } },
          next: (page: number) => `https://api.reply.io/v1/people/list?page=${page + 1}`,
        },
        want: [
          '/v1/people/list?name=My List',
          '/v1/people/list?name=My List&page=2',
          '/v1/people/list?name=My List&page=3',
        ],
      },
    ],
    [
      'of a campaign, with a relative next link',
      {
        given: {
          path: '/v1/campaigns/{campaignId}/people',
          init: { params: { path: { campaignId: 42 } } },
          next: (page: number) => `/v1/campaigns/42/people?page=${page + 1}`,
        },
        want: ['/v1/campaigns/42/people', '/v1/campaigns/42/people?page=2', '/v1/campaigns/42/people?page=3'],
      },
    ],
  ] as const)('walks the contacts %s', async (_name, { given, want }) => {
    const { fetch, seen } = observedFetch((_request, index) =>
      json({
        people: people(2, index * 2 + 1),
        page: index + 1,
        pagesCount: 3,
        next: index < 2 ? given.next(index + 1) : null,
      }),
    );
    const reply = createReplyClient({ apiKey: 'k', fetch });
    const items = await collect(reply.paginate(given.path, given.init as never));
    expect(items.map((item) => item.id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(seen.map((request) => decodeURIComponent(request.url))).toEqual(want);
  });

  it('sends every page to its own baseUrl, whatever host the next link names', async () => {
    const urls: string[] = [];
    const reply = createReplyClient({
      apiKey: 'k',
      baseUrl: 'https://proxy.example/reply',
      fetch: async (request) => {
        urls.push(request.url);
        const page = urls.length;
        return json({
          people: people(1, page),
          pagesCount: 2,
          next: page === 1 ? 'https://elsewhere.example/v1/people/list/7?page=2' : null,
        });
      },
    });
    const items = await collect(
      reply.paginate('/v1/people/list/{listId}', { params: { path: { listId: 7 } } }),
    );
    expect(items).toHaveLength(2);
    expect(urls).toEqual([
      'https://proxy.example/reply/v1/people/list/7',
      'https://proxy.example/reply/v1/people/list/7?page=2',
    ]);
  });

  it.each([
    [
      'a next link to another path',
      {
        given: { next: 'https://api.reply.io/v1/people/list/8?page=2', pagesCount: 3 },
        want: 'paginate: GET /v1/people/list/7 page 1 links its next page to another path (/v1/people/list/8, expected /v1/people/list/7)',
      },
    ],
    [
      'a next link back to the same page',
      {
        given: { next: 'https://api.reply.io/v1/people/list/7', pagesCount: 3 },
        want: 'paginate: GET /v1/people/list/7 page 1 links its next page back to a page already fetched',
      },
    ],
    [
      'more pages but no next link',
      {
        given: { next: undefined, pagesCount: 3 },
        want: 'paginate: GET /v1/people/list/7 page 1 of 3 has no next link',
      },
    ],
  ])('throws on %s instead of looping or stopping short', async (_name, { given, want }) => {
    const { fetch, seen } = observedFetch(() => json({ people: people(2), page: 1, ...given }));
    const reply = createReplyClient({ apiKey: 'k', fetch });
    const items: unknown[] = [];
    const error = await (async () => {
      for await (const item of reply.paginate('/v1/people/list/{listId}', {
        params: { path: { listId: 7 } },
      }))
        items.push(item);
    })().catch((caught: unknown) => caught);
    expect(error).toEqual(new ReplyError(want));
    expect(error).toBeInstanceOf(ReplyError);
    expect(items).toHaveLength(2);
    expect(seen).toHaveLength(1);
  });

  it('stops at next: null even when pagesCount says more', async () => {
    const { fetch, seen } = observedFetch(() =>
      json({ people: people(2), page: 1, pagesCount: 3, next: null }),
    );
    const reply = createReplyClient({ apiKey: 'k', fetch });
    expect(
      await collect(reply.paginate('/v1/people/list/{listId}', { params: { path: { listId: 7 } } })),
    ).toHaveLength(2);
    expect(seen).toHaveLength(1);
  });
});
