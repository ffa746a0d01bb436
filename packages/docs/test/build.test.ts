import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { buildDocs, PAGE_TITLE, visibleMarkup } from '../src/build.js';
import { findForbiddenPhrases, findForbiddenPhrasesInJson } from '../src/forbidden-phrases.js';
import { externalResources } from '../src/offline.js';
import { listOperations, type OpenApiDocument } from '../src/openapi.js';
import { curatedSpecPath, MINI_SPEC, PACKAGE_ROOT, SITE_DIR, TEST_OUTPUT } from './helpers/paths.js';

const run = promisify(execFile);
const html = readFileSync(join(SITE_DIR, 'index.html'), 'utf8');
const docsSpec = JSON.parse(readFileSync(join(SITE_DIR, 'openapi.json'), 'utf8')) as OpenApiDocument;
const curated = parse(readFileSync(curatedSpecPath(), 'utf8')) as OpenApiDocument;

/** The definition and options the page hydrates from, as embedded by Redocly. */
function embedded(name: '__redoc_definition' | '__redoc_options'): unknown {
  const match = new RegExp(`const ${name} = (.*);\\n`).exec(html);
  if (!match?.[1]) throw new Error(`index.html embeds no ${name}`);
  return JSON.parse(match[1]);
}

describe('the built reference (test-output/site, built from the curated spec)', () => {
  it('is one self-contained page with our title that loads nothing from another origin', () => {
    expect(html).toContain(`<title>${PAGE_TITLE}</title>`);
    expect(externalResources(html)).toEqual([]);
    expect(html).not.toContain('cdn.redoc.ly');
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
  });

  it('embeds the docs spec with Redoc telemetry off', () => {
    expect(embedded('__redoc_definition')).toEqual(docsSpec);
    expect(embedded('__redoc_options')).toMatchObject({ disableTelemetry: true });
  });

  it('documents every operation of the curated spec, each with a TypeScript and a curl sample', () => {
    const want = listOperations(curated).map((o) => `${o.method} ${o.path} ${o.operation.summary}`);
    const built = listOperations(docsSpec);
    expect(built.map((o) => `${o.method} ${o.path} ${o.operation.summary}`)).toEqual(want);
    for (const { operation, method, path } of built) {
      const samples = operation['x-codeSamples'] ?? [];
      expect(samples.find((s) => s.label === 'TypeScript')?.source).toContain(
        `reply.${method.toUpperCase()}('${path}'`,
      );
      expect(samples.find((s) => s.label === 'curl')?.source).toContain('-H "x-api-key: $REPLY_API_KEY"');
    }
  });

  it('publishes no working notes, neither in the page markup nor in the spec it renders', () => {
    expect(findForbiddenPhrases(visibleMarkup(html), 'index.html')).toEqual([]);
    expect(findForbiddenPhrasesInJson(embedded('__redoc_definition'))).toEqual([]);
  });
});

describe('buildDocs failures', () => {
  function specWith(change: (doc: OpenApiDocument) => void, name: string): string {
    const doc = parse(readFileSync(MINI_SPEC, 'utf8')) as OpenApiDocument;
    change(doc);
    const file = join(TEST_OUTPUT, 'specs', `${name}.yaml`);
    mkdirSync(join(TEST_OUTPUT, 'specs'), { recursive: true });
    writeFileSync(file, stringify(doc));
    return file;
  }

  it.each([
    [
      'a working note in an operation description',
      {
        given: (doc: OpenApiDocument) => {
          (doc.paths?.['/v1/people']?.get as { description: string }).description = 'Lists. Quirks: - none';
        },
        want: 'docs: working notes in the docs spec: "Quirks" at /paths/~1v1~1people/get/description',
      },
    ],
    [
      'a reference to nothing',
      {
        given: (doc: OpenApiDocument) => {
          (doc.paths?.['/v2/billing/info']?.get as { parameters: unknown[] }).parameters = [
            { $ref: '#/nope' },
          ];
        },
        want: 'docs: $ref "#/nope" points at nothing',
      },
    ],
  ])('fails on %s and writes nothing', async (name, { given, want }) => {
    const outDir = join(TEST_OUTPUT, 'failed-builds', name.replace(/\W+/g, '-'));
    await expect(buildDocs({ specPath: specWith(given, name.replace(/\W+/g, '-')), outDir })).rejects.toThrow(
      want,
    );
    expect(existsSync(outDir)).toBe(false);
  });

  it('fails on a file that is not an OpenAPI document', async () => {
    const file = join(TEST_OUTPUT, 'specs', 'not-openapi.yaml');
    mkdirSync(join(TEST_OUTPUT, 'specs'), { recursive: true });
    writeFileSync(file, 'hello: world\n');
    await expect(buildDocs({ specPath: file, outDir: join(TEST_OUTPUT, 'never') })).rejects.toThrow(
      `docs: ${file} is not an OpenAPI document`,
    );
  });
});

describe('pnpm docs (src/cli.ts)', () => {
  it('builds a spec and prints one line with counts and milliseconds', async () => {
    const out = join(TEST_OUTPUT, 'cli-site');
    const tsx = join(PACKAGE_ROOT, 'node_modules/.bin/tsx');
    const { stdout } = await run(tsx, ['src/cli.ts', '--spec', MINI_SPEC, '--out', out], {
      cwd: PACKAGE_ROOT,
    });
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(stdout).toMatch(
      /^docs: 7 operations, 7 TypeScript \+ 6 actAs \+ 7 curl samples, 2 throttled, \d+ changelog sources → .*index\.html \(\d+ KiB\) in \d+ ms\n$/,
    );
    expect(existsSync(join(out, 'index.html'))).toBe(true);
  });

  it('fails with one line naming the problem', async () => {
    const tsx = join(PACKAGE_ROOT, 'node_modules/.bin/tsx');
    const missing = join(TEST_OUTPUT, 'no-such-spec.yaml');
    const result = await run(tsx, ['src/cli.ts', '--spec', missing, '--out', join(TEST_OUTPUT, 'never')], {
      cwd: PACKAGE_ROOT,
    }).catch((error: { code: number; stderr: string }) => error);
    expect(result).toMatchObject({ code: 1 });
    expect((result as { stderr: string }).stderr.trim().split('\n')).toHaveLength(1);
    expect((result as { stderr: string }).stderr).toContain(`docs: cannot read the spec ${missing} (ENOENT)`);
  });
});
