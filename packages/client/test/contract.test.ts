import { describe, expect, it } from 'vitest';
import { createReplyClient, type ReplyClient } from '../src/client.js';
import { contractViolations } from './contract.js';
import { json, type ObservedFetchOptions, observedFetch } from './helpers.js';

// Each case drains what its fetch recorded, so the file's own contract check (test/setup.ts) sees nothing.
async function violationsOf(
  send: (reply: ReplyClient) => Promise<unknown>,
  options?: ObservedFetchOptions,
): Promise<string[]> {
  const { fetch } = observedFetch(() => json({ people: [] }), options);
  await send(createReplyClient({ apiKey: 'contract-test-key', fetch, maxRetries: 0, throttle: false }));
  return contractViolations();
}

describe('the contract check of observedFetch', () => {
  it.each([
    [
      'valid requests pass',
      {
        given: async (reply: ReplyClient) => {
          await reply.GET('/v1/people', { params: { query: { page: 2, limit: 10 } } });
          await reply.POST('/v1/people', { body: { email: 'a@example.com', firstName: 'A' } });
        },
        want: [],
      },
    ],
    ['a fetch that saw no request passes', { given: async () => undefined, want: [] }],
    [
      'an unknown path is reported',
      {
        given: (reply: ReplyClient) => reply.GET('/v1/nope' as '/v1/people'),
        want: ['GET /v1/nope: path matches no operation (GET /v1/nope)'],
      },
    ],
    [
      'a request sent again is listed once, with its count',
      {
        given: async (reply: ReplyClient) => {
          await reply.GET('/v1/nope' as '/v1/people');
          await reply.GET('/v1/nope' as '/v1/people');
        },
        want: ['GET /v1/nope: path matches no operation (GET /v1/nope) (sent 2 times)'],
      },
    ],
    [
      'a bad query parameter is reported with the query',
      {
        given: (reply: ReplyClient) => reply.GET('/v1/people', { params: { query: { page: 0 } } }),
        want: ['GET /v1/people?page=0: query parameter "page" must be >= 1 (got 0)'],
      },
    ],
    [
      'every issue of a bad body is listed',
      {
        given: (reply: ReplyClient) =>
          reply.POST('/v1/people', {
            body: { email: 'not-an-email' } as { email: string; firstName: string },
          }),
        want: [
          'POST /v1/people: request body field "firstName" is required; request body field "email" must match format "email"',
        ],
      },
    ],
  ])('%s', async (_name, { given, want }) => {
    expect(await violationsOf(given)).toEqual(want);
  });

  it('lets a fetch opt out with a reason, and reports an opt-out that is not needed', async () => {
    const offSpec = 'tests an unknown path';
    expect(await violationsOf((reply) => reply.GET('/v1/nope' as '/v1/people'), { offSpec })).toEqual([]);
    expect(await violationsOf((reply) => reply.GET('/v1/people'), { offSpec })).toEqual([
      'offSpec "tests an unknown path" is not needed: every request it covers matches the spec',
    ]);
  });

  it('needs a reason to opt out', () => {
    expect(() => observedFetch(() => json({}), { offSpec: ' ' })).toThrow(
      'observedFetch: offSpec needs a reason (got an empty string)',
    );
  });
});
