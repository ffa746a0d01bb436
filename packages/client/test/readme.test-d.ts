// The README's examples, type-checked (vitest typecheck): if the API drifts from the docs, this fails.

import type { Contact } from '@replykit/types';
import { describe, expectTypeOf, it } from 'vitest';
import {
  createReplyClient,
  NotFoundError,
  RateLimitError,
  ReplyConnectionError,
  type ReplyUsage,
  replyClientDefaults,
  unwrap,
} from '../src/index.js';

describe('README examples', () => {
  it('type-check', async () => {
    const reply = createReplyClient({
      apiKey: 'key',
      logger: console,
      onQuotaWarning: (usage) => usage.calls,
    });
    const { data, error, response } = await reply.GET('/v1/people', {
      params: { query: { page: 1, limit: 50 } },
    });
    expectTypeOf(response).toEqualTypeOf<Response>();
    expectTypeOf(error).not.toBeAny();
    expectTypeOf(data).not.toBeAny();
    const contact = await unwrap(
      reply.POST('/v1/people', { body: { email: 'jane@example.com', firstName: 'Jane' } }),
    );
    expectTypeOf(contact).toEqualTypeOf<Contact>();
    await unwrap(reply.GET('/v2/schedules'));
    await reply.actAs({ email: 'jane@example.com' }).GET('/v1/campaigns');
    await reply.actAs({ userId: 42 }).GET('/v1/campaigns');
    // @ts-expect-error exactly one of email and userId
    reply.actAs({ email: 'jane@example.com', userId: 42 });
    try {
      await unwrap(reply.GET('/v2/schedules/{scheduleId}', { params: { path: { scheduleId: 7 } } }));
    } catch (caught) {
      if (caught instanceof NotFoundError) expectTypeOf(caught.status).toEqualTypeOf<number>();
      else if (caught instanceof RateLimitError)
        expectTypeOf(caught.retryAfterMs).toEqualTypeOf<number | undefined>();
      else if (caught instanceof ReplyConnectionError)
        expectTypeOf(caught.code).toEqualTypeOf<string | undefined>();
    }
    await reply.POST('/v1/people', { body: { email: 'a@example.com', firstName: 'A' }, maxRetries: 0 });
    await reply.GET('/v1/people', { timeoutMs: 2_000 });
    await reply.GET('/v1/people', { signal: AbortSignal.timeout(5_000) });
    for await (const item of reply.paginate('/v1/people', {
      params: { query: { limit: 100 } },
      maxPages: 3,
    })) {
      expectTypeOf(item).toEqualTypeOf<Contact>();
    }
    const { data: csv } = await reply.GET('/api/v2/reports/download', {
      params: { query: { token: 't', type: 'EmailsSequenceBased' } },
      parseAs: 'text',
    });
    expectTypeOf(csv).toEqualTypeOf<string | undefined>();
    expectTypeOf(reply.usage).toEqualTypeOf<ReplyUsage>();
    expectTypeOf(replyClientDefaults.maxRetries).toEqualTypeOf<2>();
  });
});
