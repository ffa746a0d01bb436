// The README's examples, type-checked.
import { expectTypeOf, it } from 'vitest';
import type { Contact, ContactPage, operations, paths, Error as ReplyErrorBody } from '../src/index.js';

it('README examples type-check', () => {
  const contact: Contact = { id: 1, email: 'jane@example.com', firstName: 'Jane' };
  type ListContactsQuery = operations['listContacts']['parameters']['query'];
  type ContactsResponse = paths['/v1/people']['get']['responses'][200]['content']['application/json'];
  expectTypeOf(contact).toEqualTypeOf<Contact>();
  expectTypeOf<NonNullable<ListContactsQuery>['page']>().toEqualTypeOf<number | undefined>();
  expectTypeOf<ContactsResponse>().toEqualTypeOf<ContactPage | Contact>();
  expectTypeOf<ReplyErrorBody>().toHaveProperty('message');
});
