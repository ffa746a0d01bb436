import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { listOperations, type OpenApiDocument } from '../../src/openapi.js';
import { PACKAGE_ROOT, REPO_ROOT, SITE_DIR, TEST_OUTPUT } from '../helpers/paths.js';

const run = promisify(execFile);

const OUT = join(TEST_OUTPUT, 'typecheck');
const docsSpec = JSON.parse(readFileSync(join(SITE_DIR, 'openapi.json'), 'utf8')) as OpenApiDocument;

/** Every TypeScript sample of the built docs and every `ts` block of the introduction, one module each. */
function samples(): Map<string, string> {
  const files = new Map<string, string>();
  for (const { operation, method, path } of listOperations(docsSpec)) {
    const name = operation.operationId ?? `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, '-');
    for (const sample of operation['x-codeSamples'] ?? []) {
      if (sample.lang !== 'ts') continue;
      const suffix = sample.label.includes('actAs') ? '.act-as' : '';
      files.set(`operations/${name}${suffix}.ts`, sample.source);
    }
  }
  const intro = String(docsSpec.info.description ?? '');
  for (const [index, match] of [...intro.matchAll(/```ts\n([\s\S]*?)```/g)].entries()) {
    files.set(`introduction/snippet-${index + 1}.ts`, match[1] ?? '');
  }
  return files;
}

let diagnostics: string[] = [];
let written: Map<string, string>;

beforeAll(async () => {
  for (const name of ['@replykit/client', '@replykit/mock-server']) {
    const manifest = createRequire(join(PACKAGE_ROOT, 'package.json')).resolve(`${name}/package.json`);
    if (!existsSync(join(manifest, '..', 'dist/index.d.ts'))) {
      throw new Error(`the samples compile against the built ${name}; run \`pnpm build\` first`);
    }
  }
  rmSync(OUT, { recursive: true, force: true });
  written = samples();
  for (const [file, source] of written) {
    mkdirSync(join(OUT, file, '..'), { recursive: true });
    writeFileSync(join(OUT, file), source);
  }
  // Strict, like a user's project: the samples must compile against the published types of @replykit/client.
  const tsconfig = {
    extends: relative(OUT, join(REPO_ROOT, 'tsconfig.base.json')),
    compilerOptions: {
      noEmit: true,
      types: ['node'],
      lib: ['ES2023', 'DOM'],
      sourceMap: false,
      declaration: false,
    },
    include: ['**/*.ts'],
  };
  writeFileSync(join(OUT, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  const tsc = createRequire(join(PACKAGE_ROOT, 'package.json')).resolve('typescript/bin/tsc');
  try {
    await run(process.execPath, [tsc, '-p', OUT, '--pretty', 'false'], { maxBuffer: 32 * 1024 * 1024 });
  } catch (error) {
    const output = (error as { stdout?: string }).stdout ?? String(error);
    diagnostics = output.split('\n').filter((line) => line.includes('error TS'));
  }
}, 180_000);

describe('generated TypeScript samples', () => {
  it('cover every operation and every introduction snippet', () => {
    const operationFiles = [...written.keys()].filter((file) => file.startsWith('operations/'));
    const plain = operationFiles.filter((file) => !file.endsWith('.act-as.ts'));
    expect(plain).toHaveLength(listOperations(docsSpec).length);
    expect([...written.keys()].filter((file) => file.startsWith('introduction/')).length).toBeGreaterThan(4);
  });

  it('compile with tsc against @replykit/client without a single error', () => {
    expect(diagnostics).toEqual([]);
  });
});
