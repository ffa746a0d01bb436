import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';

export const SPEC_PATH = 'spec/openapi.yaml';

function git(root: string, args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function versionOf(tag: string): number[] | undefined {
  const m = /^(?:@replykit\/types@|v)(\d+)\.(\d+)\.(\d+)(-.+)?$/.exec(tag);
  if (!m) return undefined;
  // A prerelease sorts below its release: 1.2.0-rc.1 < 1.2.0.
  return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] ? 0 : 1];
}

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The highest release tag (`@replykit/types@X.Y.Z` or `vX.Y.Z`) reachable from HEAD, if any. */
export function latestReleaseTag(root: string): string | undefined {
  const tags = git(root, ['tag', '--list', '--merged', 'HEAD', '@replykit/types@*', 'v*']).split('\n');
  let best: { tag: string; version: number[] } | undefined;
  for (const raw of tags) {
    const tag = raw.trim();
    const version = versionOf(tag);
    if (version && (!best || compareVersions(version, best.version) > 0)) best = { tag, version };
  }
  return best?.tag;
}

export interface BaseSpec {
  /** What the user sees: a tag, a ref or a file path. */
  label: string;
  text: string;
}

/**
 * Reads the base spec: `base` is a file when one exists at that path, otherwise a git ref whose
 * `spec/openapi.yaml` is read with `git show`. Without `base`: the latest release tag, else HEAD.
 */
export function readBase(root: string, base: string | undefined, basePath: string | undefined): BaseSpec {
  if (basePath && existsSync(basePath) && statSync(basePath).isFile()) {
    return { label: base ?? basePath, text: readFileSync(basePath, 'utf8') };
  }
  let ref = base;
  if (!ref) {
    try {
      ref = latestReleaseTag(root) ?? 'HEAD';
    } catch {
      throw new Error(`cannot list git tags in ${root}; pass --base <file>`);
    }
  }
  try {
    git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new Error(`--base ${ref} is neither a file nor a git ref`);
  }
  try {
    return { label: ref, text: git(root, ['show', `${ref}:${SPEC_PATH}`]) };
  } catch {
    throw new Error(
      `${SPEC_PATH} does not exist at ${ref}; pass --base with a ref or file that has the spec`,
    );
  }
}
