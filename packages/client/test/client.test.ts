import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createReplyClient } from '../src/client.js';
import { ReplyConfigError } from '../src/core/errors.js';
import { json, observedFetch } from './helpers.js';

const apiKey = 'client-test-key';

describe('createReplyClient', () => {
  it('sends x-api-key and the configured headers to baseUrl, and returns openapi-fetch results', async () => {
    const { fetch, seen } = observedFetch(() => json({ people: [], page: 1, pagesCount: 1 }));
    const reply = createReplyClient({
      apiKey,
      fetch,
      baseUrl: 'http://127.0.0.1:9/',
      headers: { 'x-trace': 't1' },
    });
    const { data, error, response } = await reply.GET('/v1/people', { params: { query: { page: 1 } } });
    expect({ data, error, status: response.status }).toEqual({
      data: { people: [], page: 1, pagesCount: 1 },
      error: undefined,
      status: 200,
    });
    expect(seen[0]).toMatchObject({
      method: 'GET',
      url: '/v1/people?page=1',
      headers: { 'x-api-key': apiKey, 'x-trace': 't1' },
    });
    expect(seen[0]?.headers).not.toHaveProperty('x-user-id');
    expect(seen[0]?.headers).not.toHaveProperty('x-user-email');
  });

  it('uses https://api.reply.io by default', async () => {
    const urls: string[] = [];
    const observed = observedFetch(() => json([]));
    const reply = createReplyClient({
      apiKey,
      fetch: (request, init) => {
        urls.push(request.url);
        return observed.fetch(request, init);
      },
    });
    await reply.GET('/v1/campaigns');
    expect(urls).toEqual(['https://api.reply.io/v1/campaigns']);
  });

  it('throws ReplyConfigError at construction for a bad option', () => {
    expect(() => createReplyClient({ apiKey, timeoutMs: -1 })).toThrow(ReplyConfigError);
  });
});

describe('actAs', () => {
  it('adds exactly one impersonation header and leaves the parent unchanged', async () => {
    const { fetch, seen } = observedFetch(() => json({}));
    const reply = createReplyClient({ apiKey, fetch, throttle: false });
    const asJane = reply.actAs({ email: 'jane@example.com' });
    const as42 = reply.actAs({ userId: 42 });
    const asJaneThen7 = asJane.actAs({ userId: 7 });
    await asJane.GET('/v1/people');
    await as42.GET('/v1/people');
    await reply.GET('/v1/people');
    await asJaneThen7.GET('/v1/people');
    const impersonation = seen.map(({ headers }) => [
      headers['x-user-email'],
      headers['x-user-id'],
      headers['x-api-key'],
    ]);
    expect(impersonation).toEqual([
      ['jane@example.com', undefined, apiKey],
      [undefined, '42', apiKey],
      [undefined, undefined, apiKey],
      [undefined, '7', apiKey],
    ]);
  });

  it('shares the call counter and the throttle with the parent', async () => {
    const { fetch } = observedFetch(() => json({}));
    const reply = createReplyClient({ apiKey, fetch });
    await reply.actAs({ userId: 1 }).GET('/v1/people');
    await reply.actAs({ email: 'a@example.com' }).GET('/v1/people');
    expect(reply.usage.calls).toBe(2);
  });

  it('replaces a per-call impersonation header with its own', async () => {
    const { fetch, seen } = observedFetch(() => json({}));
    const asJane = createReplyClient({ apiKey, fetch }).actAs({ email: 'jane@example.com' });
    await asJane.GET('/v1/people', { headers: { 'X-User-Id': '99' } });
    expect(seen[0]?.headers).toMatchObject({ 'x-user-email': 'jane@example.com' });
    expect(seen[0]?.headers).not.toHaveProperty('x-user-id');
  });

  it('throws ReplyConfigError before any request for an invalid identity', () => {
    const { fetch, seen } = observedFetch(() => json({}));
    const reply = createReplyClient({ apiKey, fetch });
    expect(() => reply.actAs({ email: 'jane@example.com', userId: 1 } as never)).toThrow(
      'actAs: pass either email or userId, not both',
    );
    expect(seen).toHaveLength(0);
  });

  it.each([
    [
      'both headers',
      {
        given: { 'X-User-Id': '1', 'X-User-Email': 'a@example.com' },
        want: 'actAs: pass either X-User-Id or X-User-Email, not both',
      },
    ],
    [
      'a bad id',
      { given: { 'X-User-Id': '-1' }, want: 'actAs: userId must be a positive integer (got string "-1")' },
    ],
    [
      'a bad e-mail',
      { given: { 'X-User-Email': 'nobody' }, want: 'actAs: email "nobody" is not a valid e-mail address' },
    ],
  ])('checks per-call impersonation headers: %s', async (_name, { given, want }) => {
    const { fetch, seen } = observedFetch(() => json({}));
    const reply = createReplyClient({ apiKey, fetch });
    await expect(reply.GET('/v1/people', { headers: given })).rejects.toThrow(new ReplyConfigError(want));
    expect(seen).toHaveLength(0);
  });
});

describe('inspection', () => {
  it('shows options without the key or impersonation values', () => {
    const reply = createReplyClient({ apiKey, fetch: async () => json({}) }).actAs({
      email: 'jane@example.com',
    });
    for (const shown of [
      inspect(reply, { depth: 10 }),
      JSON.stringify(reply),
      String(inspect(reply, { showHidden: true })),
    ]) {
      expect(shown).not.toContain(apiKey);
      expect(shown).not.toContain('jane@example.com');
      expect(shown).toContain('[redacted]');
    }
    expect(JSON.parse(JSON.stringify(reply))).toMatchObject({
      baseUrl: 'https://api.reply.io',
      apiKey: '[redacted]',
      actingAs: { 'X-User-Email': '[redacted]' },
      maxRetries: 2,
    });
  });
});

describe('logger', () => {
  it('logs requests, responses, retries and failures with secrets redacted', async () => {
    const lines: { level: string; message: string; fields: unknown }[] = [];
    const logger = Object.fromEntries(
      ['debug', 'info', 'warn', 'error'].map((level) => [
        level,
        (message: string, fields?: unknown) => lines.push({ level, message, fields }),
      ]),
    );
    const { fetch } = observedFetch((_request, index) =>
      index === 0 ? json({ message: 'busy' }, 503) : json({ message: 'gone' }, 404),
    );
    const reply = createReplyClient({ apiKey, fetch, logger, retryDelayMs: 1, maxRetryDelayMs: 1 }).actAs({
      userId: 5,
    });
    await reply.GET('/v1/people');
    expect(lines.map(({ level, message }) => `${level} ${message.replace(/\d+ ms/, 'N ms')}`)).toEqual([
      'debug reply: GET /v1/people',
      'warn reply: retrying GET /v1/people after 503 in N ms (retry 1 of 2)',
      'warn reply: GET /v1/people 404 in N ms',
    ]);
    expect(lines[0]?.fields).toMatchObject({
      headers: { 'x-api-key': '[redacted]', 'x-user-id': '[redacted]' },
    });
    expect(JSON.stringify(lines)).not.toContain(apiKey);
  });
});
