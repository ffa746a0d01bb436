import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createReplyClient, type ReplyClient } from '../src/client.js';
import type { ReplyLogger } from '../src/options.js';
import { unwrap } from '../src/unwrap.js';
import { hang, json, networkError, observedFetch } from './helpers.js';

// A canary: if it shows up anywhere below, the key leaked.
const canary = 'CANARY-Kq7Zx-5e2f100c';

/** Every way an error or a log line can be rendered. */
function renderings(value: unknown): string[] {
  const error = value as Error;
  return [
    String(error?.message),
    String(error?.stack),
    JSON.stringify(value) ?? '',
    inspect(value, { depth: Number.POSITIVE_INFINITY }),
    inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true, customInspect: false }),
    String(value),
  ];
}

function capturingLogger(lines: string[]): ReplyLogger {
  const log = (message: string, fields?: unknown) => {
    lines.push(message, JSON.stringify(fields), inspect(fields, { depth: Number.POSITIVE_INFINITY }));
  };
  return { debug: log, info: log, warn: log, error: log };
}

/** A server that echoes the key it receives everywhere it can. */
function echoing(status: number) {
  return observedFetch((request) => {
    const key = request.headers['x-api-key'] ?? '';
    return json({ message: `key ${key} rejected`, key, nested: [{ key }] }, status, {
      'x-echo-key': key,
      'retry-after': '0',
    });
  });
}

const statusPaths = [400, 401, 403, 404, 409, 429, 500, 503].map(
  (status) =>
    [
      `${status} echoing the key`,
      { status, run: (reply: ReplyClient) => unwrap(reply.GET('/v1/people')) },
    ] as const,
);

describe('the API key never leaks', () => {
  it.each(statusPaths)('%s', async (_name, { status, run }) => {
    const lines: string[] = [];
    const reply = createReplyClient({
      apiKey: canary,
      fetch: echoing(status).fetch,
      logger: capturingLogger(lines),
      retryDelayMs: 0,
      maxRetryDelayMs: 0,
    });
    const error = await run(reply).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    for (const text of [...renderings(error), ...lines]) expect(text).not.toContain(canary);
  });

  it.each([
    [
      'a connection error whose cause names the key',
      () => {
        throw Object.assign(new TypeError(`fetch failed for ${canary}`), {
          cause: networkError('ECONNRESET'),
        });
      },
    ],
    [
      'a refused connection',
      () => {
        throw networkError('ECONNREFUSED');
      },
    ],
    ['a timeout', () => hang()],
  ])('%s', async (_name, handler) => {
    const lines: string[] = [];
    const reply = createReplyClient({
      apiKey: canary,
      fetch: observedFetch(handler).fetch,
      logger: capturingLogger(lines),
      timeoutMs: 20,
      retryDelayMs: 0,
      maxRetryDelayMs: 0,
    }).actAs({ userId: 3 });
    const error = await reply.GET('/v1/people').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(lines.length).toBeGreaterThan(0);
    for (const text of [...renderings(error), ...lines]) expect(text).not.toContain(canary);
  });

  it.each([
    ['a key with a line break', () => createReplyClient({ apiKey: `${canary}\n` })],
    ['a key with a space', () => createReplyClient({ apiKey: `${canary} x` })],
    ['a bad option next to a good key', () => createReplyClient({ apiKey: canary, maxRetries: -1 })],
    [
      'a bad actAs',
      () => createReplyClient({ apiKey: canary, fetch: echoing(200).fetch }).actAs({ userId: -1 }),
    ],
  ])('configuration errors: %s', (_name, build) => {
    let error: unknown;
    try {
      build();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(Error);
    for (const text of renderings(error)) expect(text).not.toContain(canary);
  });

  it('per-call option and paginate errors', async () => {
    const reply = createReplyClient({ apiKey: canary, fetch: echoing(200).fetch });
    const errors = [
      await reply.GET('/v1/people', { maxRetries: -1 }).catch((caught: unknown) => caught),
      await reply
        .paginate('/v1/people')
        .next()
        .catch((caught: unknown) => caught),
    ];
    for (const error of errors) {
      expect(error).toBeInstanceOf(Error);
      for (const text of renderings(error)) expect(text).not.toContain(canary);
    }
  });

  it('the client itself', () => {
    const reply = createReplyClient({ apiKey: canary, fetch: echoing(200).fetch });
    for (const client of [reply, reply.actAs({ email: 'jane@example.com' })]) {
      for (const text of renderings(client)) expect(text).not.toContain(canary);
    }
  });
});
