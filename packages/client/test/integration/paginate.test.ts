import type { Contact } from '@replykit/types';
import { describe, expect, it } from 'vitest';
import { useMockServer } from './mock.js';

// The mock holds 250 contacts on every paged operation and pages them like Reply, with real next links.
const { mock, client } = await useMockServer({ pagedItems: 250 });

describe('paginate over real HTTP against a mock holding 250 contacts', () => {
  it.each([
    ['/v1/people', { params: { query: { limit: 100 } } }, 3],
    ['/v1/people', { params: { query: { limit: 40 } } }, 7],
    ['/v1/people/list/{listId}', { params: { path: { listId: 7 } } }, 3],
    ['/v1/people/list', { params: { query: { name: 'My List' } } }, 3],
    ['/v1/campaigns/{campaignId}/people', { params: { path: { campaignId: 42 } } }, 3],
  ] as const)('walks every contact of %s (%o) in %i requests', async (path, init, pages) => {
    const before = mock.requests.length;
    const contacts: Contact[] = [];
    for await (const contact of client().paginate(path, init as never)) contacts.push(contact);
    expect(contacts).toHaveLength(250);
    expect(new Set(contacts.map((contact) => contact.id)).size).toBe(250);
    const sent = mock.requests.slice(before);
    expect(sent).toHaveLength(pages);
    expect(sent.map((request) => request.query.page ?? '1')).toEqual(
      Array.from({ length: pages }, (_, index) => String(index + 1)),
    );
  });

  it('stops after maxPages', async () => {
    const before = mock.requests.length;
    let count = 0;
    for await (const _ of client().paginate('/v1/people', { maxPages: 2 })) count++;
    expect(count).toBe(200);
    expect(mock.requests.length - before).toBe(2);
  });
});
