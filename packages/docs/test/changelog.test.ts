import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseChangeset, readChangelogSources, renderChangelog } from '../src/changelog.js';
import { FIXTURES } from './helpers/paths.js';

const repo = join(FIXTURES, 'changelog-repo');

describe('parseChangeset', () => {
  it('reads the packages, their bumps and the text', () => {
    expect(parseChangeset('a.md', '---\n"@replykit/client": minor\n---\n\nAdds `paginate`.\n')).toEqual({
      file: 'a.md',
      releases: [{ name: '@replykit/client', bump: 'minor' }],
      summary: 'Adds `paginate`.',
    });
  });

  it.each([
    ['no frontmatter', { given: 'Just text', want: 'x.md: a changeset starts with a --- frontmatter block' }],
    [
      'an unknown bump',
      { given: '---\n"@replykit/client": huge\n---\nText', want: 'x.md: "@replykit/client" has bump "huge"' },
    ],
    ['no text', { given: '---\n"@replykit/client": patch\n---\n', want: 'x.md: the changeset has no text' }],
  ])('fails on %s with the file name', (_, { given, want }) => {
    expect(() => parseChangeset('x.md', given)).toThrow(want);
  });
});

describe('readChangelogSources', () => {
  it('reads pending changesets and released changelogs, leaving out ignored packages and the README', () => {
    const sources = readChangelogSources(repo);
    expect(sources.pending.map((change) => change.file)).toEqual([
      '.changeset/add-paginate.md',
      '.changeset/fix-retry.md',
    ]);
    expect(sources.released.map((changelog) => changelog.name)).toEqual(['@replykit/client']);
  });

  it('reads nothing from a folder without changesets', () => {
    expect(readChangelogSources(join(repo, 'packages'))).toEqual({ pending: [], released: [] });
  });
});

describe('renderChangelog', () => {
  it('lists unreleased changes per package, larger bumps first, then the released history', () => {
    const markdown = renderChangelog(readChangelogSources(repo));
    expect(markdown).toContain(
      [
        '## Unreleased',
        '',
        '**@replykit/client**',
        '',
        '- **minor**: `reply.paginate(path)` walks every page of a page/limit operation.',
        '- **patch**: Retries honour a `Retry-After` given as an HTTP date.',
        '',
        '**@replykit/types**',
        '',
        '- **minor**: `reply.paginate(path)` walks every page of a page/limit operation.',
      ].join('\n'),
    );
    expect(markdown).toContain(
      '## Released\n\n### @replykit/client\n\n#### 0.1.0\n\n##### Minor Changes\n\n- 1a2b3c4:',
    );
    expect(markdown).not.toMatch(/^# @replykit/m);
    expect(markdown).not.toContain('private');
  });

  it('says so when nothing is pending', () => {
    expect(renderChangelog({ pending: [], released: [] })).toContain(
      '## Unreleased\n\nNo unreleased changes.',
    );
  });
});
