import { describe, expect, it } from 'vitest';
import { SecurityRegistry } from '../src/auth.js';
import { WarningSink } from '../src/errors.js';
import { type TagNaming, TagRegistry, type WalkContext, walkItems } from '../src/folder.js';
import type { PostmanItem } from '../src/types.js';

const items: PostmanItem[] = [
  { name: 'Root request', request: { url: 'https://a.io/root' } },
  {
    name: 'Users',
    description: 'All about users',
    auth: { type: 'bearer', bearer: [{ key: 'token', value: 't' }] },
    item: [
      { name: 'List users', request: { url: 'https://a.io/users' } },
      {
        name: 'Admin',
        item: [
          { name: 'Ban user', request: { method: 'POST', url: 'https://a.io/users/:id/ban' } },
          { name: 'Public', request: { url: 'https://a.io/public', auth: { type: 'noauth' } } },
        ],
      },
    ],
  },
  {
    name: 'Only folders',
    item: [{ name: 'Inner', item: [{ name: 'Deep', request: { url: 'https://a.io/deep' } }] }],
  },
];

function walk(tagNaming: TagNaming) {
  const warnings = new WarningSink();
  const context: WalkContext = {
    warnings,
    variables: new Map(),
    security: new SecurityRegistry(warnings, new Map()),
    tagNaming,
    tags: new TagRegistry(),
    variants: [],
  };
  walkItems(items, [], undefined, undefined, context);
  return context;
}

describe('walkItems', () => {
  const cases: Array<[string, { given: TagNaming; want: { tags: string[]; variantTags: string[][] } }]> = [
    [
      'leaf naming',
      {
        given: 'leaf',
        want: {
          tags: ['Users', 'Admin', 'Inner'],
          variantTags: [[], ['Users'], ['Admin'], ['Admin'], ['Inner']],
        },
      },
    ],
    [
      'chain naming',
      {
        given: 'chain',
        want: {
          tags: ['Users', 'Users > Admin', 'Only folders > Inner'],
          variantTags: [[], ['Users'], ['Users > Admin'], ['Users > Admin'], ['Only folders > Inner']],
        },
      },
    ],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    const context = walk(given);
    expect([...context.tags.tags.keys()]).toEqual(want.tags);
    expect(context.variants.map((variant) => variant.tags)).toEqual(want.variantTags);
  });

  it('passes folder auth down, lets requests override it, and locates requests by folder path', () => {
    const { variants, tags } = walk('leaf');
    expect(variants.map((variant) => [variant.location, variant.auth])).toEqual([
      ['Root request', undefined],
      ['Users / List users', { bearerAuth: [] }],
      ['Users / Admin / Ban user', { bearerAuth: [] }],
      ['Users / Admin / Public', 'none'],
      ['Only folders / Inner / Deep', undefined],
    ]);
    expect(tags.tags.get('Users')).toEqual({ name: 'Users', description: 'All about users' });
  });
});
