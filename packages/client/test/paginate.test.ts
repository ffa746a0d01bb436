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
          envelope: (p: number) => ({ next: p < 3 ? 'https://api.reply.io/v1/people?page=x' : null }),
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
    // @ts-expect-error `/v1/campaigns` is not a page/limit operation.
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
    const reply = createReplyClient({ apiKey: 'k', fetch: async () => json({ id: 1 }) });
    await expect(collect(reply.paginate('/v1/campaigns' as '/v1/people'))).rejects.toThrow(
      /^paginate: \/v1\/campaigns is not a paged operation \(paged: .*\/v1\/people.*\)$/,
    );
    await expect(collect(reply.paginate('/v1/people'))).rejects.toThrow(
      new ReplyError('paginate: GET /v1/people page 1 returned no "people" array'),
    );
  });
});
