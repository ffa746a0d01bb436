/**
 * `checkPackage`: what would be published, checked once for every public package (ADR 0091). `npm pack` lists
 * exactly the intended files (dist, README, LICENSE, package.json; every entry point present), `publint` finds
 * no error or warning, and `@arethetypeswrong/cli` finds no type resolution problem under one node10 policy.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const ATTW = fileURLToPath(new URL('../node_modules/.bin/attw', import.meta.url));

export interface PackageJson {
  name?: string;
  private?: boolean;
  files?: string[];
  main?: string;
  module?: string;
  types?: string;
  typings?: string;
  bin?: string | Record<string, string>;
  exports?: unknown;
  [key: string]: unknown;
}

/** Every file a consumer can reach: `[where in package.json, path]`. */
export function entryPoints(pkg: PackageJson): [string, string][] {
  const result: [string, string][] = [];
  for (const field of ['main', 'module', 'types', 'typings'] as const) {
    const value = pkg[field];
    if (typeof value === 'string') result.push([field, value]);
  }
  if (typeof pkg.bin === 'string') result.push(['bin', pkg.bin]);
  else if (pkg.bin) for (const [name, path] of Object.entries(pkg.bin)) result.push([`bin.${name}`, path]);
  const walk = (value: unknown, where: string) => {
    if (typeof value === 'string') result.push([where, value]);
    else if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, `${where}[${i}]`);
    } else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) walk(v, `${where}[${JSON.stringify(key)}]`);
    }
  };
  walk(pkg.exports, 'exports');
  return result;
}

const normal = (path: string) => path.replace(/^\.\//, '');
const ALWAYS = /^(package\.json|(readme|license|licence|changelog)(\.(md|txt))?)$/i;
const TS_SOURCE = /(?<!\.d)\.[cm]?tsx?$/;
const FORBIDDEN: [RegExp, string][] = [
  [
    /(^|\/)(src|test|tests|__tests__|bench|fixtures|test-output|coverage|node_modules)\//,
    'source or test folder',
  ],
  [/\.(test|spec|bench)\.[cm]?[jt]sx?$/, 'test file'],
  [
    /(^|\/)(tsconfig[^/]*\.json|(vitest|tsup|vite|biome)\.config\.[cm]?[jt]s|biome\.json)$/,
    'build or test config',
  ],
  [/\.tsbuildinfo$/, 'build cache'],
  [TS_SOURCE, 'TypeScript source'],
  [/(^|\/)\.[^/]+(\/|$)/, 'dotfile'],
];

/**
 * Problems with the files `npm pack` would publish: forbidden files, files outside `dist/`, a missing README,
 * LICENSE or `files` field, and entry points that are not packed.
 */
export function checkPackFiles(pkg: PackageJson, files: readonly string[]): string[] {
  const problems: string[] = [];
  const packed = new Set(files.map(normal));
  if (!Array.isArray(pkg.files))
    problems.push('no "files" field: npm would pack everything that is not ignored');
  if (![...packed].some((f) => /^readme(\.md)?$/i.test(f))) problems.push('README.md is not packed');
  if (![...packed].some((f) => /^licen[cs]e(\.(md|txt))?$/i.test(f))) problems.push('LICENSE is not packed');
  // A file that package.json points at is meant to be published (e.g. a JSON export), unless it is a source.
  const targets = new Set(entryPoints(pkg).map(([, target]) => normal(target)));
  for (const file of packed) {
    if (targets.has(file) && !TS_SOURCE.test(file)) continue;
    const forbidden = FORBIDDEN.find(([pattern]) => pattern.test(file));
    if (forbidden) problems.push(`${file} is packed (${forbidden[1]})`);
    else if (!ALWAYS.test(file) && !file.startsWith('dist/'))
      problems.push(`${file} is packed (outside dist/)`);
  }
  for (const [where, target] of entryPoints(pkg)) {
    const path = normal(target);
    const found = path.includes('*')
      ? [...packed].some((f) =>
          new RegExp(
            `^${path
              .split('*')
              .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
              .join('.*')}$`,
          ).test(f),
        )
      : packed.has(path);
    if (!found) problems.push(`${where} names ${target}, which is not packed`);
  }
  return problems;
}

export function packFiles(dir: string): { files: string[]; size: number } {
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [result] = JSON.parse(output) as [{ files: { path: string }[]; size: number }];
  return { files: result.files.map((f) => f.path), size: result.size };
}

/**
 * The one node10 policy (ADR 0091): a package with a `require` entry is checked with attw's `node16` profile,
 * and also under `node10` when it declares top-level `main` and `types` (then it promises `moduleResolution:
 * node10` consumers a working import). An ESM-only package is checked with `esm-only`: no CommonJS promise.
 */
export function attwPolicy(pkg: PackageJson): { profile: 'esm-only' | 'node16'; ignored: string[] } {
  const requirable =
    JSON.stringify(pkg.exports ?? {}).includes('"require"') || (pkg.type !== 'module' && Boolean(pkg.main));
  if (!requirable) return { profile: 'esm-only', ignored: ['node10', 'node16-cjs'] };
  return { profile: 'node16', ignored: pkg.main && (pkg.types ?? pkg.typings) ? [] : ['node10'] };
}

export interface CheckOptions {
  /** Subpaths that are data, not modules with types (e.g. `./openapi.json`): attw does not resolve them. */
  excludeEntrypoints?: readonly string[];
  /** The attw binary (defaults to this package's). */
  attw?: string;
}

function runAttw(dir: string, pkg: PackageJson, options: CheckOptions): string[] {
  const { profile, ignored } = attwPolicy(pkg);
  const exclude = options.excludeEntrypoints?.length
    ? ['--exclude-entrypoints', ...options.excludeEntrypoints]
    : [];
  const result = spawnSync(
    options.attw ?? ATTW,
    ['--pack', dir, '--format', 'json', '--profile', profile, ...exclude],
    { encoding: 'utf8' },
  );
  let parsed: { analysis?: { problems?: { kind: string; entrypoint?: string; resolutionKind?: string }[] } };
  try {
    parsed = JSON.parse(result.stdout) as typeof parsed;
  } catch {
    const reason = (result.stderr || result.stdout || String(result.error ?? '')).trim().split('\n')[0];
    return [`attw could not analyse the package: ${reason}`];
  }
  const problems = (parsed.analysis?.problems ?? []).filter(
    (p) => !p.resolutionKind || !ignored.includes(p.resolutionKind),
  );
  const lines = problems.map(
    (p) => `attw: ${p.kind} at ${p.entrypoint ?? '?'} (${p.resolutionKind ?? 'any resolution'})`,
  );
  if (result.status !== 0 && lines.length === 0) lines.push(`attw failed (exit ${result.status})`);
  return lines;
}

export interface PackageReport {
  name: string;
  ok: boolean;
  /** One line: verdict, packed files and size, publint and attw counts. */
  line: string;
  problems: string[];
}

/**
 * The publish check of one package folder (built `dist/` expected): `npm pack` file list, `publint` (no errors
 * or warnings) and `attw` under the one node10 policy. Used by the consumer suite and `pnpm release:check`.
 */
export async function checkPackage(dir: string, options: CheckOptions = {}): Promise<PackageReport> {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
  const name = pkg.name ?? dir;
  const problems: string[] = [];
  let counts = '';
  try {
    const { files, size } = packFiles(dir);
    problems.push(...checkPackFiles(pkg, files));
    counts = `${files.length} files (${(size / 1024).toFixed(1)} kB packed)`;
  } catch (error) {
    problems.push(`npm pack failed: ${(error as Error).message.split('\n')[0]}`);
  }
  const lint = await publint({ pkgDir: dir, pack: 'npm', level: 'suggestion', strict: true });
  const by = (type: string) => lint.messages.filter((m) => m.type === type);
  for (const m of [...by('error'), ...by('warning')]) {
    problems.push(`publint ${m.type}: ${formatMessage(m, lint.pkg, { color: false }) ?? m.code}`);
  }
  const attw = runAttw(dir, pkg, options);
  problems.push(...attw);
  const line =
    `${name}: ${problems.length === 0 ? 'ok' : `FAILED (${problems.length} problems)`} — ${counts || 'not packed'}, ` +
    `publint ${by('error').length} errors ${by('warning').length} warnings ${by('suggestion').length} suggestions, ` +
    `attw ${attw.length} problems (${attwPolicy(pkg).profile})`;
  return { name, ok: problems.length === 0, line, problems };
}
