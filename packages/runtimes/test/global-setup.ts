import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildClient, bundleForRuntimes } from '../src/build.js';
import type { SmokeFiles } from '../src/runtimes/index.js';

export const TEST_OUTPUT = join(import.meta.dirname, '..', 'test-output');

declare module 'vitest' {
  export interface ProvidedContext {
    smoke: SmokeFiles;
  }
}

/** Builds the client (its published `dist/`) into test-output/client and bundles the smoke scenario once. */
export default async function setup(project: TestProject): Promise<void> {
  const started = Date.now();
  const clientEntry = buildClient(join(TEST_OUTPUT, 'client', 'dist'));
  const dir = join(TEST_OUTPUT, 'smoke');
  rmSync(dir, { recursive: true, force: true });
  const bundle = await bundleForRuntimes({ clientEntry, outFile: join(dir, 'smoke.js') });
  console.log(
    `runtimes: built the client and bundled the smoke scenario (${(bundle.bytes / 1024).toFixed(1)} KiB) in ${Date.now() - started} ms`,
  );
  project.provide('smoke', { dir, bundle: bundle.file });
}
