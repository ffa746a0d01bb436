import { createHash } from 'node:crypto';
import { type Bump, type Change, describeChange } from './change.js';

/** The packages whose public types follow the curated spec; versioned together (`fixed` in changesets). */
export const SPEC_PACKAGES = ['@replykit/types', '@replykit/client'] as const;

/** Named after the new spec's content, so running `spec:diff --changeset` twice writes one file. */
export function changesetName(headText: string): string {
  return `spec-${createHash('sha256').update(headText).digest('hex').slice(0, 8)}.md`;
}

function count(changes: readonly Change[], level: string): number {
  return changes.filter((c) => c.level === level).length;
}

export function renderChangeset(
  bump: Exclude<Bump, 'none'>,
  changes: readonly Change[],
  baseLabel: string,
): string {
  const front = SPEC_PACKAGES.map((name) => `"${name}": ${bump}`).join('\n');
  const summary =
    bump === 'major'
      ? 'The Reply API spec changed in ways that can break existing calls'
      : bump === 'minor'
        ? 'The Reply API spec gained operations or fields'
        : 'The Reply API documentation was updated';
  const counts = `${count(changes, 'major')} major, ${count(changes, 'minor')} minor, ${count(changes, 'patch')} patch`;
  const lines = changes.map((c) => `- ${c.level}: \`${c.location}\` — ${describeChange(c)}`);
  return `---\n${front}\n---\n\n${summary}; the types and the client follow it (${counts} changes since \`${baseLabel}\`).\n\n${lines.join('\n')}\n`;
}
