import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = resolve(packageRoot, '../..');
/** The shared corpus lives beside the repository (in CI it is copied there): `<repoRoot>/../shared`. */
export const sharedRoot = resolve(repoRoot, '../shared');
export const goldenRoot = join(packageRoot, 'test/golden');
export const testOutput = join(packageRoot, 'test-output');

/** The collection sets that have golden outputs: set name → folder of collections. */
export const corpusSets: ReadonlyArray<[string, string]> = [
  ['v2', join(sharedRoot, 'corpus/p2o-fixtures/v2')],
  ['v21', join(sharedRoot, 'corpus/p2o-fixtures/v21')],
  ['real-world', join(sharedRoot, 'corpus/real-world')],
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
    for (const file of readdirSync(dir).sort()) {
      if (!file.endsWith('.json')) continue;
      const name = file.replace(/(\.postman)?\.json$/, '');
      entries.push({ set, name, file: join(dir, file), goldenDir: join(goldenRoot, set, name) });
    }
  }
  return entries;
}
