import { buildDocs } from '../src/build.js';
import { curatedSpecPath, SITE_DIR } from './helpers/paths.js';

/** Builds the site from the curated spec once per test run, as `pnpm docs` does, into test-output/site. */
export default async function setup(): Promise<void> {
  await buildDocs({ specPath: curatedSpecPath(), outDir: SITE_DIR });
}
