import { describe, expect, it } from 'vitest';
import type { PostmanUrl } from '../src/types.js';
import { parseUrl, toPathTemplate } from '../src/url.js';

describe('parseUrl', () => {
  const cases: Array<[string, { given: PostmanUrl | undefined; want: Record<string, unknown> }]> = [
    [
      'raw string with host, port, path and query',
      {
        given: 'https://api.io:8443/users/:id?limit=10&q=a%20b',
        want: {
          protocol: 'https',
          host: 'api.io',
          port: '8443',
          segments: ['users', ':id'],
          query: [
            ['limit', '10'],
            ['q', 'a b'],
          ],
        },
      },
    ],
    [
      'raw string with a variable host',
      {
        given: '{{baseUrl}}/v1/people/',
        want: { host: '{{baseUrl}}', segments: ['v1', 'people'], query: [] },
      },
    ],
    [
      'raw path only',
      {
        given: '/v1/people?email=a@b.io',
        want: { host: '', segments: ['v1', 'people'], query: [['email', 'a@b.io']] },
      },
    ],
    ['missing url', { given: undefined, want: { host: '', segments: [], query: [] } }],
    [
      'object with host and path arrays (query "+" is a space)',
      {
        given: {
          raw: 'https://api.reply.io/v1/campaigns?name=Campaign+One',
          protocol: 'https',
          host: ['api', 'reply', 'io'],
          path: ['v1', 'campaigns'],
          query: [{ key: 'name', value: 'Campaign+One' }],
        },
        want: {
          protocol: 'https',
          host: 'api.reply.io',
          segments: ['v1', 'campaigns'],
          query: [['name', 'Campaign One']],
        },
      },
    ],
    [
      'object with only raw',
      {
        given: { raw: 'http://x.io/a/b?c=1' },
        want: { protocol: 'http', host: 'x.io', segments: ['a', 'b'], query: [['c', '1']] },
      },
    ],
    [
      'v2.0 path segment objects and a slash inside a segment',
      {
        given: { host: 'x.io', path: [{ value: 'a' }, 'b/c'] },
        want: { host: 'x.io', segments: ['a', 'b', 'c'], query: [] },
      },
    ],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    const parsed = parseUrl(given);
    const { query, ...rest } = want;
    expect(parsed).toMatchObject(rest);
    expect(parsed.query.map((entry) => [entry.key, entry.value])).toEqual(query);
  });

  it('keeps disabled query params and descriptions, and path variable values', () => {
    const parsed = parseUrl({
      host: ['x'],
      path: ['users', ':id'],
      query: [{ key: 'page', value: '1', disabled: true, description: 'Page' }],
      variable: [{ key: 'id', value: '7', description: { content: 'User id' } }],
    });
    expect(parsed.query).toEqual([{ key: 'page', value: '1', disabled: true, description: 'Page' }]);
    expect(parsed.pathVariables.get('id')).toEqual({ value: '7', description: 'User id' });
  });
});

describe('toPathTemplate', () => {
  const cases: Array<[string, { given: string[]; want: { path: string; params: string[]; key: string } }]> = [
    [
      '{{var}} segments keep their exact names',
      {
        given: ['v2', 'campaigns', '{{campaignId}}', 'steps', '{{campaignStepID}}'],
        want: {
          path: '/v2/campaigns/{campaignId}/steps/{campaignStepID}',
          params: ['campaignId', 'campaignStepID'],
          key: '/v2/campaigns/{}/steps/{}',
        },
      },
    ],
    [
      ':var segments',
      {
        given: ['users', ':user_id'],
        want: { path: '/users/{user_id}', params: ['user_id'], key: '/users/{}' },
      },
    ],
    [
      'literal case kept',
      { given: ['v1', 'Actions', 'x'], want: { path: '/v1/Actions/x', params: [], key: '/v1/Actions/x' } },
    ],
    ['root', { given: [], want: { path: '/', params: [], key: '/' } }],
    [
      'placeholder inside a segment',
      {
        given: ['v{{version}}', 'items'],
        want: { path: '/v{version}/items', params: ['version'], key: '/v{}/items' },
      },
    ],
    [
      'names that would break the template',
      { given: ['{{site id}}'], want: { path: '/{site_id}', params: ['site_id'], key: '/{}' } },
    ],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(toPathTemplate(given)).toEqual(want);
  });
});
