import { describe, expectTypeOf, it } from 'vitest';
import type {
  Campaign,
  Contact,
  ContactPage,
  components,
  operations,
  paths,
  Schedule,
} from '../src/index.js';

describe('@replykit/types', () => {
  it('has one alias per component schema, equal to it', () => {
    expectTypeOf<Contact>().toEqualTypeOf<components['schemas']['Contact']>();
    expectTypeOf<ContactPage>().toEqualTypeOf<components['schemas']['ContactPage']>();
    expectTypeOf<Campaign>().toEqualTypeOf<components['schemas']['Campaign']>();
    expectTypeOf<Schedule>().toEqualTypeOf<components['schemas']['Schedule']>();
  });

  it('types schema properties as the spec says', () => {
    expectTypeOf<Contact['id']>().toEqualTypeOf<number>();
    expectTypeOf<Contact['email']>().toEqualTypeOf<string>();
    expectTypeOf<ContactPage['people']>().toEqualTypeOf<Contact[]>();
  });

  it('resolves paths to their operations and responses', () => {
    expectTypeOf<paths['/v1/people']['get']>().toEqualTypeOf<operations['listContacts']>();
    expectTypeOf<paths['/v1/people']['get']['responses'][200]['content']['application/json']>().toEqualTypeOf<
      ContactPage | Contact
    >();
    expectTypeOf<paths['/v2/schedules/{scheduleId}']['get']['parameters']['path']>().toEqualTypeOf<{
      scheduleId: number;
    }>();
  });

  it('has no raw paths or unknown schemas', () => {
    // @ts-expect-error the raw path `/v1/Blacklist` is canonicalised to `/v1/blacklist`.
    expectTypeOf<paths['/v1/Blacklist']>().toBeObject();
    // @ts-expect-error there is no `Person` schema: contacts are `Contact`.
    expectTypeOf<components['schemas']['Person']>().toBeObject();
  });
});
