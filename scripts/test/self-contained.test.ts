// A user's clone has nothing beside it: no source, test, script or config may reach outside the repository.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CHECKED = /\.(?:[cm]?[jt]s|json|ya?ml|sh)$|(?:^|\/)run$/;
// Test inputs and generated output: data, not code that reads paths.
const SKIPPED =
  /(?:^|\/)(?:fixtures|golden|generated|dist|node_modules)\/|^pnpm-lock\.yaml$|^spec\/openapi\.yaml$/;

/** Tracked and untracked (not ignored) files that hold code or config. */
function repositoryFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return out.split('\0').filter((file) => file && CHECKED.test(file) && !SKIPPED.test(file));
}

/** `file:line: text` for every reference that leaves the repository. */
export function outsideReferences(file: string, text: string): string[] {
  const found: string[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    const where = `${file}:${index + 1}`;
    if (/(?:^|[^\w.])\.\.\/shared\b|\/work\/shared\b/.test(line)) found.push(`${where}: refers to ../shared`);
    // A relative path literal that climbs above the repository root from the file's own folder.
    for (const match of line.matchAll(/['"`]((?:\.\.\/)+[^'"`$]*)['"`]/g)) {
      const target = resolve(ROOT, dirname(file), match[1] as string);
      if (relative(ROOT, target).startsWith('..'))
        found.push(`${where}: ${match[1]} is outside the repository`);
    }
  });
  return found;
}

describe('the repository is self-contained', () => {
  it('flags ../shared and relative paths above the root (the check itself)', () => {
    expect(
      outsideReferences('packages/x/test/a.ts', "const c = join(root, '../shared/corpus');"),
    ).toHaveLength(1);
    expect(
      outsideReferences('packages/x/test/a.ts', "new URL('../../../../elsewhere', import.meta.url)"),
    ).toEqual(['packages/x/test/a.ts:1: ../../../../elsewhere is outside the repository']);
    expect(
      outsideReferences('packages/x/test/a.ts', "new URL('../../../spec/openapi.yaml', import.meta.url)"),
    ).toEqual([]);
  });

  it('no source, test, script or config file refers to a path outside the repository', () => {
    // This file names the forbidden patterns on purpose.
    const files = repositoryFiles().filter((file) => file !== 'scripts/test/self-contained.test.ts');
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((file) => outsideReferences(file, readFileSync(join(ROOT, file), 'utf8')));
    expect(found).toEqual([]);
  });
});
