import { describe, expect, it } from 'vitest';
import {
  FORBIDDEN_PHRASES,
  findForbiddenPhrases,
  findForbiddenPhrasesInJson,
} from '../src/forbidden-phrases.js';

describe('findForbiddenPhrases', () => {
  it.each([
    ['a quirks list', { given: 'Throttling: none. Quirks: - odd casing', want: ['Quirks'] }],
    ['any letter case', { given: 'QUIRKS and quirks', want: ['Quirks', 'Quirks'] }],
    [
      'where a fact came from',
      { given: 'Also published by a third-party mirror as X', want: ['third-party mirror'] },
    ],
    ['a legacy source', { given: 'seen in the legacy support article', want: ['legacy support'] }],
    ['a shortened example', { given: 'the example was cut short', want: ['cut short'] }],
    ['a source label', { given: 'inconsistent in the source: the table', want: ['source:'] }],
    [
      'clean user-facing text',
      { given: 'Returns one page of contacts. The source of truth is Reply.', want: [] },
    ],
  ])('finds %s', (_, { given, want }) => {
    expect(findForbiddenPhrases(given, 'here').map((hit) => hit.phrase)).toEqual(want);
  });

  it('reports where and around what it found the phrase', () => {
    expect(findForbiddenPhrases('Returns contacts. Quirks: none', '/paths/x')).toEqual([
      { phrase: 'Quirks', location: '/paths/x', excerpt: 'Returns contacts. Quirks: none' },
    ]);
  });

  it('covers every phrase the issue names', () => {
    expect(FORBIDDEN_PHRASES).toEqual(
      expect.arrayContaining(['Quirks', 'third-party mirror', 'legacy support', 'cut short', 'source:']),
    );
  });
});

describe('findForbiddenPhrasesInJson', () => {
  it('checks string values by JSON pointer, not keys', () => {
    const doc = { paths: { '/v1/people': { get: { description: 'Quirks: -', source: 'fine' } } } };
    expect(findForbiddenPhrasesInJson(doc).map((hit) => hit.location)).toEqual([
      '/paths/~1v1~1people/get/description',
    ]);
  });

  it('walks arrays', () => {
    expect(
      findForbiddenPhrasesInJson({ tags: [{ description: 'ok' }, { description: 'cut short' }] }),
    ).toHaveLength(1);
  });
});
