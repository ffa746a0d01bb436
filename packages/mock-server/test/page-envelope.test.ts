import { request as httpRequest } from 'node:http';
import type { ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { type MockServer, startMockServer } from '../src/index.js';
import { type Operation, readOperations } from '../src/operations.js';
import {
  buildPage,
  checkPagedItems,
  envelopeShape,
  type PageEnvelope,
  pageEnvelopeOf,
  pageLink,
} from '../src/page-envelope.js';
import { loadSpec, type OpenApiDocument } from '../src/spec.js';
import { SpecValidator } from '../src/validation.js';
import { AUTH, call, startFixtureServer } from './helpers.js';
import { exampleRequest, mediaExample } from './spec-requests.js';

// The default spec (the curated one, as @replykit/types ships it), checked with the server's own ajv setup.
const { document } = loadSpec();
const operations = readOperations(document);
const validator = new SpecValidator(document);
const byId = (id: string) => operations.find((operation) => operation.operationId === id) as Operation;

/** Checks an answer against the 200 JSON schema of its operation. */
function responseCheck(operationId: string): ValidateFunction {
  const schema = byId(operationId).responses['200']?.content?.['application/json']?.schema;
  if (schema === undefined) throw new Error(`${operationId} has no 200 JSON schema`);
  return validator.compileSchema(schema, `${operationId} response`);
}

interface Contact {
  id: number;
  email: string;
  firstName?: string;
}

interface ContactPage {
  people: Contact[];
  total: number;
  page: number;
  limit: number;
  pagesCount: number;
  next: string | null;
  previous: string | null;
}

async function getPage(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers: { ...AUTH, ...headers } });
  return { status: response.status, body: (await response.json()) as ContactPage };
}

/** Follows `next` from `start` the way a client loop does, checking every page against the schema. */
async function walk(server: MockServer, operationId: string, start: string) {
  const check = responseCheck(operationId);
  const pages: ContactPage[] = [];
  let next: string | null = `${server.url}${start}`;
  while (next !== null) {
    if (pages.length > 50) throw new Error(`${start}: more than 50 pages`);
    const { status, body } = await getPage(next);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(check(body), JSON.stringify(check.errors)).toBe(true);
    pages.push(body);
    next = body.next;
  }
  return { pages, items: pages.flatMap((page) => page.people) };
}

/** A URL's query without `page`, sorted, to compare links with the request they came from. */
function queryWithoutPage(url: string): string {
  const params = new URL(url, 'http://base.invalid').searchParams;
  params.delete('page');
  params.sort();
  return params.toString();
}

describe('page-envelope operations of the curated spec', () => {
  it('are the four contact pages the client paginates', () => {
    const paged = operations.filter((operation) => pageEnvelopeOf(document, operation) !== undefined);
    expect(paged.map(({ method, path }) => `${method} ${path}`).sort()).toEqual([
      'GET /v1/campaigns/{campaignId}/people',
      'GET /v1/people',
      'GET /v1/people/list',
      'GET /v1/people/list/{listId}',
    ]);
    expect(pageEnvelopeOf(document, byId('listContacts'))).toMatchObject({
      itemsKey: 'people',
      documents: { page: true, limit: true },
      defaultLimit: 100,
      maxLimit: undefined,
    });
    expect(pageEnvelopeOf(document, byId('listCampaignContacts'))?.documents).toEqual({
      page: false,
      limit: false,
    });
  });
});

describe('startMockServer({ pagedItems }) on the curated spec', () => {
  const PAGED_ITEMS = 250;
  let server: MockServer;
  let plain: MockServer;
  beforeAll(async () => {
    [server, plain] = await Promise.all([startMockServer({ pagedItems: PAGED_ITEMS }), startMockServer()]);
  }, 60_000);
  afterAll(() => Promise.all([server.close(), plain.close()]));

  it.each([
    ['listContacts', '/v1/people', { pages: 3, limit: 100 }],
    ['listContacts', '/v1/people?limit=40', { pages: 7, limit: 40 }],
    ['listContacts', '/v1/people?page=1&limit=250', { pages: 1, limit: 250 }],
    ['listContactsInList', '/v1/people/list/7', { pages: 3, limit: 100 }],
    ['listContactsInListByName', '/v1/people/list?name=My%20List', { pages: 3, limit: 100 }],
    ['listCampaignContacts', '/v1/campaigns/12/people', { pages: 3, limit: 100 }],
    ['listCampaignContacts', '/v1/campaigns/12/people?limit=99', { pages: 3, limit: 99 }],
  ])(
    '%s: following next from %s walks exactly pagedItems distinct items',
    async (operationId, start, want) => {
      const { pages, items } = await walk(server, operationId, start);
      expect(pages).toHaveLength(want.pages);
      expect(items).toHaveLength(PAGED_ITEMS);
      expect(new Set(items.map((item) => item.id)).size).toBe(PAGED_ITEMS);
      expect(new Set(items.map((item) => item.email)).size).toBe(PAGED_ITEMS);
      pages.forEach((page, index) => {
        expect(page).toMatchObject({
          total: PAGED_ITEMS,
          page: index + 1,
          limit: want.limit,
          pagesCount: want.pages,
        });
        expect(page.previous === null).toBe(index === 0);
        // Links stay on the mock, on the same path, with the request's own query.
        for (const link of [page.next, page.previous]) {
          if (link === null) continue;
          expect(link.startsWith(`${server.url}${start.split('?')[0]}?`)).toBe(true);
          expect(queryWithoutPage(link)).toBe(queryWithoutPage(start));
        }
      });
    },
  );

  it('builds the items from the example: its own items first, then copies with new ids and e-mails', async () => {
    const { body } = await getPage(`${server.url}/v1/people?limit=${PAGED_ITEMS}`);
    const example = mediaExample(
      document,
      byId('listContacts').responses['200']?.content?.['application/json'] ?? {},
    ) as ContactPage;
    const [first, second] = example.people as [Contact, Contact];
    expect(body.people.slice(0, 2)).toEqual([first, second]);
    // Cycled: every item is a copy of the example item at its position modulo 2, apart from id and e-mail.
    body.people.forEach((item, index) => {
      const source = index % 2 === 0 ? first : second;
      expect({ ...item, id: 0, email: '' }).toEqual({ ...source, id: 0, email: '' });
      expect(item.email.split('@')[1]).toBe(source.email.split('@')[1]);
    });
  });

  it.each([
    ['the first page', { query: 'page=1&limit=100', from: 0, to: 100, next: 2, previous: null }],
    ['a middle page', { query: 'page=2&limit=100', from: 100, to: 200, next: 3, previous: 1 }],
    ['the last, short page', { query: 'page=3&limit=100', from: 200, to: 250, next: null, previous: 2 }],
    ['the default page', { query: 'limit=30', from: 0, to: 30, next: 2, previous: null }],
    ['the default limit', { query: 'page=2', from: 100, to: 200, next: 3, previous: 1 }],
    ['an odd size', { query: 'page=7&limit=40', from: 240, to: 250, next: null, previous: 6 }],
    ['a page exactly at the end', { query: 'page=5&limit=50', from: 200, to: 250, next: null, previous: 4 }],
    ['a page past the end', { query: 'page=4&limit=100', from: 250, to: 250, next: null, previous: 3 }],
    ['far past the end', { query: 'page=900&limit=100', from: 250, to: 250, next: null, previous: 3 }],
    ['everything at once', { query: 'limit=1000', from: 0, to: 250, next: null, previous: null }],
    ['case-insensitive names', { query: 'Page=2&LIMIT=100', from: 100, to: 200, next: 3, previous: 1 }],
  ])('/v1/people?page=N&limit=M slices: %s', async (_name, want) => {
    const all = (await getPage(`${server.url}/v1/people?limit=${PAGED_ITEMS}`)).body.people;
    const { status, body } = await getPage(`${server.url}/v1/people?${want.query}`);
    expect(status).toBe(200);
    expect(responseCheck('listContacts')(body)).toBe(true);
    expect(body.people).toEqual(all.slice(want.from, want.to));
    const link = (page: number | null) =>
      page === null ? null : expect.stringMatching(new RegExp(`[?&]page=${page}(&|$)`, 'i'));
    expect(body).toMatchObject({ total: PAGED_ITEMS, next: link(want.next), previous: link(want.previous) });
  });

  it.each([
    ['/v1/people?page=0', 'query parameter "page" must be >= 1 (got 0)'],
    ['/v1/people?limit=abc', 'query parameter "limit" must be integer (got "abc")'],
    ['/v1/people/list/7?page=0', 'query parameter "page" must be a positive integer (got "0")'],
    ['/v1/people/list?name=x&page=two', 'query parameter "page" must be a positive integer (got "two")'],
    ['/v1/campaigns/12/people?limit=-5', 'query parameter "limit" must be a positive integer (got "-5")'],
    ['/v1/campaigns/12/people?limit=1.5', 'query parameter "limit" must be a positive integer (got "1.5")'],
  ])('%s is a 400 naming the parameter', async (path, message) => {
    const answer = await call(server, { path });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ statusCode: 400, message: `Invalid request: ${message}` });
    expect(server.requests.at(-1)?.validation.valid).toBe(false);
  });

  it.each([
    [
      'a page example seeds the items',
      {
        prefer: 'example=contactPageOlderRecord',
        want: { count: 100, firstId: 2232, firstEmail: 'james.smith@example.com' },
      },
    ],
    ['a single-contact example is answered as it is', { prefer: 'example=contactByEmail', want: undefined }],
  ])('Prefer: %s', async (_name, { prefer, want }) => {
    const { status, body } = await getPage(`${server.url}/v1/people`, { prefer });
    expect(status).toBe(200);
    if (want === undefined) {
      const examples = byId('listContacts').responses['200']?.content?.['application/json']?.examples ?? {};
      expect(body).toEqual(examples.contactByEmail?.value);
      return;
    }
    expect(body.people).toHaveLength(want.count);
    expect(body.people[0]).toMatchObject({ id: want.firstId, email: want.firstEmail });
    expect(new Set(body.people.map((item) => item.email)).size).toBe(want.count);
    expect(body).toMatchObject({ total: PAGED_ITEMS, page: 1, pagesCount: 3 });
    expect(responseCheck('listContacts')(body)).toBe(true);
  });

  it('links to the origin the client used (its Host header)', async () => {
    const body = await new Promise<ContactPage>((resolve, reject) => {
      const request = httpRequest(
        `${server.url}/v1/people?limit=10`,
        { headers: { ...AUTH, host: `mock.test:${server.port}` } },
        (response) => {
          let text = '';
          response.on('data', (chunk) => {
            text += chunk;
          });
          response.on('end', () => resolve(JSON.parse(text) as ContactPage));
        },
      );
      request.on('error', reject);
      request.end();
    });
    expect(body.next).toBe(`http://mock.test:${server.port}/v1/people?limit=10&page=2`);
  });

  it.each(
    operations
      .filter((operation) => pageEnvelopeOf(document, operation) === undefined)
      .map((operation) => [operation.operationId, operation] as const),
  )('%s (not a page envelope) answers exactly as without pagedItems', async (_id, operation) => {
    const { method, path, headers, body } = exampleRequest(document, operation);
    const send = async (target: MockServer) => {
      const response = await fetch(`${target.url}${path}`, {
        method,
        headers: { ...AUTH, ...headers },
        body,
      });
      return [response.status, await response.text()];
    };
    expect(await send(server)).toEqual(await send(plain));
  });
});

describe('startMockServer() without pagedItems', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer();
  }, 60_000);
  afterAll(() => server.close());

  it.each([
    ['listContacts', '/v1/people?page=2&limit=1'],
    ['listContactsInList', '/v1/people/list/7?page=9&limit=abc'],
    ['listContactsInListByName', '/v1/people/list?name=x&page=two'],
    ['listCampaignContacts', '/v1/campaigns/12/people?page=3'],
  ])('%s answers its example whatever the page (%s)', async (operationId, path) => {
    const { status, body } = await getPage(`${server.url}${path}`);
    expect(status).toBe(200);
    expect(body).toEqual(
      mediaExample(document, byId(operationId).responses['200']?.content?.['application/json'] ?? {}),
    );
  });

  it('answers a synthesized envelope (no example) as one page without made-up links', async () => {
    const { body } = await getPage(`${server.url}/v1/campaigns/12/people`);
    expect(body).toMatchObject({ total: 1, page: 1, limit: 100, pagesCount: 1, next: null, previous: null });
    expect(body.people).toHaveLength(1);
    expect(responseCheck('listCampaignContacts')(body)).toBe(true);
  });
});

describe('paging at runtime', () => {
  it('is typed on the server', () => {
    expectTypeOf<MockServer['setPagedItems']>().parameters.toEqualTypeOf<[pagedItems?: number]>();
    expectTypeOf<MockServer['pagedItems']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<MockServer['pagedOperations'][number]['items']>().toEqualTypeOf<string>();
  });

  it('setPagedItems turns paging on and off; reset() restores the start value', async () => {
    const server = await startFixtureServer({ pagedItems: 3 });
    const people = async () => ((await call(server, { path: '/v1/people' })).json as ContactPage).people;
    expect((await people()).map((item) => item.email)).toEqual([
      'jane@example.com',
      'jane+2@example.com',
      'jane+3@example.com',
    ]);
    server.setPagedItems(1);
    expect([server.pagedItems, (await people()).length]).toEqual([1, 1]);
    server.setPagedItems();
    expect([server.pagedItems, await people()]).toEqual([
      undefined,
      [{ id: 1, email: 'jane@example.com', firstName: 'Jane' }],
    ]);
    server.reset();
    expect(server.pagedItems).toBe(3);
    expect(() => server.setPagedItems(-1)).toThrow('pagedItems must be a non-negative integer (got -1)');
    expect(server.pagedItems).toBe(3);
  });

  it('fills only the envelope fields the schema has', async () => {
    // The fixture's ContactPage has people, page and pagesCount only.
    const server = await startFixtureServer({ pagedItems: 5 });
    const answer = await call(server, { path: '/v1/people?page=2&limit=2' });
    expect(answer.json).toEqual({
      people: [
        { id: 3, email: 'jane+3@example.com', firstName: 'Jane' },
        { id: 4, email: 'jane+4@example.com', firstName: 'Jane' },
      ],
      page: 2,
      pagesCount: 3,
    });
  });

  it('pages an example with no items from an item built from the schema', async () => {
    const server = await startFixtureServer({ pagedItems: 2 });
    const answer = await call(server, { path: '/v1/people', headers: { prefer: 'example=empty' } });
    expect(answer.json).toMatchObject({ page: 1, pagesCount: 1 });
    const { people } = answer.json as ContactPage;
    expect(people.map((item) => [item.id, item.email])).toEqual([
      [1, 'jane.doe@example.com'],
      [2, 'jane.doe+2@example.com'],
    ]);
  });

  it('answers pagedItems: 0 with one empty page', async () => {
    const server = await startMockServer({ pagedItems: 0 });
    try {
      const { body } = await getPage(`${server.url}/v1/people`);
      expect(body).toMatchObject({
        people: [],
        total: 0,
        page: 1,
        pagesCount: 1,
        next: null,
        previous: null,
      });
      expect(responseCheck('listContacts')(body)).toBe(true);
    } finally {
      await server.close();
    }
  });
});

const miniDoc = {
  openapi: '3.1.0',
  paths: {},
  components: {
    schemas: {
      Item: { type: 'object', properties: { id: { type: 'integer' } } },
      Page: {
        type: 'object',
        required: ['items', 'next'],
        properties: {
          items: { type: 'array', items: { $ref: '#/components/schemas/Item' } },
          pagesCount: { type: 'integer' },
          next: { type: ['string', 'null'] },
          limit: { type: 'integer', maximum: 50 },
        },
      },
    },
  },
} as unknown as OpenApiDocument;

describe('envelopeShape', () => {
  it.each([
    ['a $ref to a page', { given: { $ref: '#/components/schemas/Page' }, want: 'items' }],
    [
      'a oneOf of a page and an item',
      {
        given: { oneOf: [{ $ref: '#/components/schemas/Item' }, { $ref: '#/components/schemas/Page' }] },
        want: 'items',
      },
    ],
    [
      'an allOf adding the links to the items',
      {
        given: {
          allOf: [
            { properties: { rows: { type: ['array', 'null'] } } },
            { properties: { next: { type: 'string' } } },
          ],
        },
        want: 'rows',
      },
    ],
    [
      'no pagesCount or next',
      { given: { properties: { items: { type: 'array' }, total: {} } }, want: undefined },
    ],
    [
      'two arrays',
      { given: { properties: { a: { type: 'array' }, b: { type: 'array' }, next: {} } }, want: undefined },
    ],
    ['not an object', { given: { type: 'array', items: {} }, want: undefined }],
  ])('%s', (_name, { given, want }) => {
    expect(envelopeShape(miniDoc, given)?.itemsKey).toBe(want);
  });
});

describe('buildPage', () => {
  const shape = envelopeShape(miniDoc, { $ref: '#/components/schemas/Page' });
  const envelope: PageEnvelope = {
    ...(shape as NonNullable<typeof shape>),
    documents: { page: true, limit: true },
    defaultLimit: 20,
    maxLimit: 50,
  };
  const example = { items: [{ id: 7 }, { id: 3 }], pagesCount: 1, next: null };
  const page = (query: string, pagedItems: number) =>
    buildPage(
      envelope,
      example,
      {},
      {
        url: new URL(`http://x.invalid/things?${query}`),
        origin: 'http://127.0.0.1:9',
        pagedItems,
      },
    );

  it.each([
    [
      'the default limit',
      {
        given: ['', 45],
        want: { ids: 20, first: 7, pagesCount: 3, limit: 20, next: 'http://127.0.0.1:9/things?page=2' },
      },
    ],
    [
      'a limit over the maximum is capped',
      {
        given: ['limit=500', 120],
        want: {
          ids: 50,
          first: 7,
          pagesCount: 3,
          limit: 50,
          next: 'http://127.0.0.1:9/things?limit=500&page=2',
        },
      },
    ],
    [
      'ids continue after the largest example id',
      { given: ['page=2&limit=2', 4], want: { ids: 2, first: 8, pagesCount: 2, limit: 2, next: null } },
    ],
  ] as const)('%s', (_name, { given, want }) => {
    const out = page(given[0], given[1]);
    const ids = (out.items as { id: number }[]).map((item) => item.id);
    expect({
      ids: ids.length,
      first: ids[0],
      pagesCount: out.pagesCount,
      limit: out.limit,
      next: out.next,
    }).toEqual(want);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('copies an example that already repeats an id from the first item on', () => {
    const repeated = { items: [{ id: 1 }, { id: 1 }], next: null };
    const out = buildPage(
      envelope,
      repeated,
      {},
      { url: new URL('http://x.invalid/things'), origin: 'http://h', pagedItems: 3 },
    );
    expect(out.items).toEqual([{ id: 2 }, { id: 3 }, { id: 4 }]);
  });
});

describe('pageLink', () => {
  it.each([
    ['adds page to a bare path', { given: '/v1/people', want: 'http://h:1/v1/people?page=2' }],
    [
      'keeps the other parameters',
      {
        given: '/v1/people/list?name=My%20List&limit=5',
        want: 'http://h:1/v1/people/list?name=My+List&limit=5&page=2',
      },
    ],
    [
      'replaces page in place, in its own spelling',
      { given: '/v1/people?Page=9&limit=5', want: 'http://h:1/v1/people?Page=2&limit=5' },
    ],
    ['drops a repeated page', { given: '/v1/people?page=1&page=4', want: 'http://h:1/v1/people?page=2' }],
  ])('%s', (_name, { given, want }) => {
    expect(pageLink('http://h:1', new URL(given, 'http://mock.invalid'), 2)).toBe(want);
  });
});

describe('checkPagedItems', () => {
  it.each([
    ['undefined is off', { given: undefined, want: undefined }],
    ['zero', { given: 0, want: 0 }],
    ['a count', { given: 250, want: 250 }],
  ])('accepts %s', (_name, { given, want }) => {
    expect(checkPagedItems(given)).toBe(want);
  });

  it.each([
    ['negative', { given: -1, want: 'pagedItems must be a non-negative integer (got -1)' }],
    ['fractional', { given: 2.5, want: 'pagedItems must be a non-negative integer (got 2.5)' }],
    ['NaN', { given: Number.NaN, want: 'pagedItems must be a non-negative integer (got NaN)' }],
    ['a string', { given: '10', want: 'pagedItems must be a non-negative integer (got "10")' }],
    ['null', { given: null, want: 'pagedItems must be a non-negative integer (got null)' }],
  ])('rejects %s', (_name, { given, want }) => {
    expect(() => checkPagedItems(given)).toThrow(want);
  });
});
