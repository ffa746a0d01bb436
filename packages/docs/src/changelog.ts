import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';

export type Bump = 'major' | 'minor' | 'patch';

/** One pending `.changeset/*.md` entry. */
export interface PendingChange {
  file: string;
  releases: { name: string; bump: Bump }[];
  summary: string;
}

/** A package's released history, the `CHANGELOG.md` that `changeset version` writes. */
export interface ReleasedChangelog {
  name: string;
  file: string;
  markdown: string;
}

export interface ChangelogSources {
  pending: PendingChange[];
  released: ReleasedChangelog[];
}

const BUMPS: readonly Bump[] = ['major', 'minor', 'patch'];
const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

/** Parses one changeset file; a malformed one fails with its file name and what is wrong. */
export function parseChangeset(file: string, text: string): PendingChange {
  const match = FRONTMATTER.exec(text);
  if (!match) throw new Error(`${file}: a changeset starts with a --- frontmatter block naming the packages`);
  const front = (parse(match[1] ?? '') ?? {}) as Record<string, unknown>;
  const releases = Object.entries(front).map(([name, bump]) => {
    if (!BUMPS.includes(bump as Bump)) {
      throw new Error(`${file}: "${name}" has bump "${String(bump)}"; expected major, minor or patch`);
    }
    return { name, bump: bump as Bump };
  });
  const summary = (match[2] ?? '').trim();
  if (summary === '') throw new Error(`${file}: the changeset has no text`);
  return { file, releases, summary };
}

/**
 * Reads the pending changesets and the packages' CHANGELOG.md files under `root`, leaving out the packages
 * the changesets config ignores (private packages are not released).
 */
export function readChangelogSources(root: string): ChangelogSources {
  const changesetDir = join(root, '.changeset');
  const ignored = new Set<string>(readIgnored(changesetDir));
  const pending: PendingChange[] = [];
  if (existsSync(changesetDir)) {
    for (const name of readdirSync(changesetDir).sort()) {
      if (!name.endsWith('.md') || name === 'README.md') continue;
      const file = join(changesetDir, name);
      const change = parseChangeset(relative(root, file), readFileSync(file, 'utf8'));
      const releases = change.releases.filter((release) => !ignored.has(release.name));
      if (releases.length > 0) pending.push({ ...change, releases });
    }
  }
  const released: ReleasedChangelog[] = [];
  const packagesDir = join(root, 'packages');
  if (existsSync(packagesDir)) {
    for (const dir of readdirSync(packagesDir).sort()) {
      const file = join(packagesDir, dir, 'CHANGELOG.md');
      const manifest = join(packagesDir, dir, 'package.json');
      if (!existsSync(file) || !existsSync(manifest)) continue;
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name: string };
      if (ignored.has(name)) continue;
      released.push({ name, file: relative(root, file), markdown: readFileSync(file, 'utf8') });
    }
  }
  return { pending, released };
}

function readIgnored(changesetDir: string): string[] {
  const config = join(changesetDir, 'config.json');
  if (!existsSync(config)) return [];
  const parsed = JSON.parse(readFileSync(config, 'utf8')) as { ignore?: string[] };
  return parsed.ignore ?? [];
}

/** The changelog page as markdown: unreleased changes per package first, then each package's released history. */
export function renderChangelog(sources: ChangelogSources): string {
  const parts: string[] = [
    'What changed in the replykit packages. Entries come from the changesets in the repository: the ' +
      '**Unreleased** part lists merged changes that ship with the next release.',
    '',
    '## Unreleased',
    '',
  ];
  const byPackage = new Map<string, { bump: Bump; summary: string }[]>();
  for (const change of sources.pending) {
    for (const release of change.releases) {
      const list = byPackage.get(release.name) ?? [];
      list.push({ bump: release.bump, summary: change.summary });
      byPackage.set(release.name, list);
    }
  }
  if (byPackage.size === 0) parts.push('No unreleased changes.', '');
  for (const name of [...byPackage.keys()].sort()) {
    // A bold label, not a heading: Redoc turns every heading into a section of its own.
    parts.push(`**${name}**`, '');
    const entries = (byPackage.get(name) ?? []).sort((a, b) => BUMPS.indexOf(a.bump) - BUMPS.indexOf(b.bump));
    for (const entry of entries) parts.push(`- **${entry.bump}**: ${indentContinuation(entry.summary)}`);
    parts.push('');
  }
  if (sources.released.length > 0) {
    parts.push('## Released', '');
    for (const changelog of sources.released) {
      parts.push(`### ${changelog.name}`, '', demoteHeadings(stripTitle(changelog.markdown), 2), '');
    }
  }
  return `${parts.join('\n').trim()}\n`;
}

function indentContinuation(text: string): string {
  return text.replace(/\n/g, '\n  ');
}

/** Drops the `# <package name>` line `changeset version` puts at the top. */
function stripTitle(markdown: string): string {
  return markdown.replace(/^# [^\n]*\n+/, '').trim();
}

function demoteHeadings(markdown: string, levels: number): string {
  return markdown.replace(
    /^(#{1,6}) /gm,
    (_, hashes: string) => `${'#'.repeat(Math.min(6, hashes.length + levels))} `,
  );
}
