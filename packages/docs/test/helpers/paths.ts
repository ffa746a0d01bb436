import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const REPO_ROOT = resolve(PACKAGE_ROOT, '../..');
export const TEST_OUTPUT = join(PACKAGE_ROOT, 'test-output');
export const SITE_DIR = join(TEST_OUTPUT, 'site');
export const FIXTURES = join(PACKAGE_ROOT, 'test/fixtures');
export const MINI_SPEC = join(FIXTURES, 'reply-mini.openapi.yaml');

/** The curated spec the docs are built from; `REPLYKIT_DOCS_SPEC` points the tests at another one. */
export function curatedSpecPath(): string {
  const path = process.env.REPLYKIT_DOCS_SPEC ?? join(REPO_ROOT, 'spec/openapi.yaml');
  if (!existsSync(path)) throw new Error(`docs tests: ${path} does not exist; run \`pnpm generate\` first`);
  return resolve(path);
}
