import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildDocs, PACKAGE_ROOT, REPO_ROOT } from './build.js';

const { values } = parseArgs({
  options: {
    spec: { type: 'string', default: join(REPO_ROOT, 'spec/openapi.yaml') },
    out: { type: 'string', default: join(PACKAGE_ROOT, 'dist') },
  },
});

const started = performance.now();
try {
  const result = await buildDocs({ specPath: resolve(values.spec), outDir: resolve(values.out) });
  const ms = Math.round(performance.now() - started);
  for (const warning of result.warnings) console.error(JSON.stringify(warning));
  console.log(
    `docs: ${result.operations} operations, ${result.typescriptSamples} TypeScript + ${result.actAsSamples} actAs + ` +
      `${result.curlSamples} curl samples, ${result.throttled} throttled, ${result.changelogEntries} changelog sources ` +
      `→ ${relative(process.cwd(), result.htmlPath)} (${Math.round(result.htmlBytes / 1024)} KiB) in ${ms} ms`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
