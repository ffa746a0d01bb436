import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = resolve(packageRoot, '../..');
/** The converter corpus, copied into the repository with its SOURCE.md and licence (test/fixtures/corpus). */
export const corpusRoot = join(packageRoot, 'test/fixtures/corpus');
export const goldenRoot = join(packageRoot, 'test/golden');
export const testOutput = join(packageRoot, 'test-output');

/** The collection sets that have golden outputs: set name → folder of collections. */
export const corpusSets: ReadonlyArray<[string, string]> = [
  ['v2', join(corpusRoot, 'p2o-fixtures/v2')],
  ['v21', join(corpusRoot, 'p2o-fixtures/v21')],
  ['real-world', join(corpusRoot, 'real-world')],
];

export interface CorpusEntry {
  set: string;
  name: string;
  file: string;
  /** Folder of the committed expected output. */
  goldenDir: string;
}

/** Every collection of the corpus, in a stable order. */
export function corpusEntries(): CorpusEntry[] {
  const entries: CorpusEntry[] = [];
  for (const [set, dir] of corpusSets) {
    for (const file of readdirSync(fixture(dir)).sort()) {
      if (!file.endsWith('.json')) continue;
      const name = file.replace(/(\.postman)?\.json$/, '');
      entries.push({ set, name, file: join(dir, file), goldenDir: join(goldenRoot, set, name) });
    }
  }
  return entries;
}

/** A fixture path inside the repository; throws naming the path when it is missing (a fixture, never a test, is wrong). */
export function fixture(path: string): string {
  if (!existsSync(path)) throw new Error(`test fixture missing: ${path}`);
  return path;
}

/** A collection of the corpus by its path below test/fixtures/corpus. */
export function corpusFile(relative: string): string {
  return fixture(join(corpusRoot, relative));
}
