import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { readChangelogSources, renderChangelog } from './changelog.js';
import { buildDocsSpec, DOCS_TITLE, type DocsSpecStats } from './docs-spec.js';
import { findForbiddenPhrases, findForbiddenPhrasesInJson, type PhraseHit } from './forbidden-phrases.js';
import { externalResources, inlineRemoteAssets } from './offline.js';
import type { OpenApiDocument } from './openapi.js';
import { REDOC_OPTIONS } from './theme.js';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
export const PACKAGE_ROOT = resolve(here, '..');
export const REPO_ROOT = resolve(PACKAGE_ROOT, '../..');
export const PAGE_TITLE = `${DOCS_TITLE} reference · replykit`;

export interface BuildOptions {
  /** The curated spec (YAML or JSON). */
  specPath: string;
  /** Where `index.html` and `openapi.json` (the docs spec) are written. */
  outDir: string;
  /** The repository whose `.changeset/` and `packages/*\/CHANGELOG.md` feed the changelog page. */
  repoRoot?: string;
}

/** A problem that did not stop the build, for the log. */
export interface BuildWarning {
  code: string;
  location: string;
  message: string;
}

export interface BuildResult extends DocsSpecStats {
  warnings: BuildWarning[];
  htmlPath: string;
  htmlBytes: number;
  changelogEntries: number;
}

/**
 * Builds the reference: curated spec → docs spec (samples, introduction, changelog) → Redocly `build-docs`
 * with the Redoc bundle inlined → `index.html`. Fails, writing nothing, when a working note would be
 * published or the page would load anything from another origin.
 */
export async function buildDocs(options: BuildOptions): Promise<BuildResult> {
  const curated = readSpec(options.specPath);
  if (typeof curated?.openapi !== 'string')
    throw new Error(`docs: ${options.specPath} is not an OpenAPI document`);
  const sources = readChangelogSources(options.repoRoot ?? REPO_ROOT);
  const introduction = readFileSync(join(PACKAGE_ROOT, 'src/content/introduction.md'), 'utf8');
  const { spec, stats } = buildDocsSpec(curated, { introduction, changelog: renderChangelog(sources) });
  failOnHits(findForbiddenPhrasesInJson(spec), 'the docs spec');

  const warnings: BuildWarning[] = [];
  const staging = `${options.outDir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    const specOut = join(staging, 'openapi.json');
    writeFileSync(specOut, `${JSON.stringify(spec, null, 2)}\n`);
    const htmlOut = join(staging, 'index.html');
    await redoclyBuildDocs(specOut, htmlOut);
    const { html, missing } = inlineRemoteAssets(readFileSync(htmlOut, 'utf8'));
    for (const url of missing) {
      warnings.push({
        code: 'redoc-asset-not-found',
        location: 'src/offline.ts INLINED_ASSETS',
        message: `the Redoc bundle no longer contains ${url}; remove the entry if Redoc stopped loading it`,
      });
    }
    writeFileSync(htmlOut, html);
    const external = externalResources(html);
    if (external.length > 0)
      throw new Error(`docs: the page would load ${external.join(', ')}; it must work offline`);
    failOnHits(findForbiddenPhrases(visibleMarkup(html), 'index.html'), 'the rendered page');
    rmSync(options.outDir, { recursive: true, force: true });
    mkdirSync(dirname(options.outDir), { recursive: true });
    renameSync(staging, options.outDir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  const htmlPath = join(options.outDir, 'index.html');
  return {
    ...stats,
    warnings,
    htmlPath,
    htmlBytes: statSync(htmlPath).size,
    changelogEntries: sources.pending.length + sources.released.length,
  };
}

function readSpec(path: string): OpenApiDocument {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(
      `docs: cannot read the spec ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  try {
    return parse(text) as OpenApiDocument;
  } catch (error) {
    throw new Error(`docs: ${path} is not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`);
  }
}

async function redoclyBuildDocs(specPath: string, htmlPath: string): Promise<void> {
  const cli = join(
    dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')),
    'bin/cli.js',
  );
  const args = [
    cli,
    'build-docs',
    specPath,
    '--output',
    htmlPath,
    '--title',
    PAGE_TITLE,
    '--template',
    join(PACKAGE_ROOT, 'src/template.hbs'),
    '--openapi',
    JSON.stringify(REDOC_OPTIONS),
    '--inlineBundle',
    '--lint-config',
    'off',
  ];
  try {
    await run(process.execPath, args, {
      cwd: dirname(specPath),
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', NO_COLOR: '1' },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const output = (error as { stderr?: string }).stderr ?? String(error);
    const reason = output.split('\n').find((line) => /error/i.test(line)) ?? output.trim().split('\n').pop();
    throw new Error(`docs: redocly build-docs failed: ${reason?.trim()}`);
  }
}

/** The page's markup without the inlined Redoc bundle and styles: what a reader can see before scripts run. */
export function visibleMarkup(html: string): string {
  return html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '')
    .replace(/<style\b[^>]*>[\s\S]*?<\/style>/gi, '');
}

function failOnHits(hits: PhraseHit[], where: string): void {
  if (hits.length === 0) return;
  const list = hits.map((hit) => `"${hit.phrase}" at ${hit.location} (…${hit.excerpt}…)`).join('; ');
  throw new Error(`docs: working notes in ${where}: ${list}`);
}
