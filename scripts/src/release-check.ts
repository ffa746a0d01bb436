/**
 * `pnpm release:check`: builds every public package, then checks what would be published: `npm pack` lists
 * exactly the intended files (dist, README, LICENSE, package.json; every entry point present), `publint`
 * finds no error or warning, and `@arethetypeswrong/cli` finds no type resolution problem.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { parse } from 'yaml';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ATTW = fileURLToPath(new URL('../node_modules/.bin/attw', import.meta.url));

export const HELP = `Usage: pnpm release:check [--no-build] [--filter <package>]

Builds every public workspace package (no "private": true), then for each one prints one line:
  npm pack --dry-run   exactly package.json, README, LICENSE, CHANGELOG and dist/ files; no sources, tests
                       or configs; every file named by exports/main/module/types/bin is packed
  publint              no errors or warnings
  attw --pack          no type resolution problems (profile esm-only for packages without a require entry)
then a summary line. Exit codes: 0 all publishable, 1 a check failed, 2 bad arguments.

  --no-build           check what is built now
  --filter <package>   check one package (by name)`;

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

export interface WorkspacePackage {
  dir: string;
  pkg: PackageJson;
}

/** Public packages of the workspace, in `pnpm-workspace.yaml` order (`dir/*` globs expanded). */
export function discoverPackages(root: string): WorkspacePackage[] {
  const workspace = parse(readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8')) as { packages?: string[] };
  const dirs: string[] = [];
  for (const pattern of workspace.packages ?? []) {
    if (pattern.endsWith('/*')) {
      const parent = join(root, pattern.slice(0, -2));
      if (!existsSync(parent)) continue;
      for (const entry of readdirSync(parent, { withFileTypes: true }).sort((a, b) =>
        a.name.localeCompare(b.name),
      )) {
        if (entry.isDirectory()) dirs.push(join(parent, entry.name));
      }
    } else dirs.push(join(root, pattern));
  }
  return dirs
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, pkg: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson }))
    .filter(({ pkg }) => pkg.private !== true);
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

interface Report {
  name: string;
  ok: boolean;
  line: string;
  problems: string[];
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

/** ESM-only packages are checked with attw's esm-only profile: no CommonJS resolution is promised. */
function attwProfile(pkg: PackageJson): 'esm-only' | 'node16' {
  return JSON.stringify(pkg.exports ?? {}).includes('"require"') || (pkg.type !== 'module' && pkg.main)
    ? 'node16'
    : 'esm-only';
}

const IGNORED_RESOLUTIONS = { 'esm-only': ['node10', 'node16-cjs'], node16: ['node10'] };

function runAttw(dir: string, profile: 'esm-only' | 'node16'): string[] {
  const result = spawnSync(ATTW, ['--pack', dir, '--format', 'json', '--profile', profile], {
    encoding: 'utf8',
  });
  let parsed: { analysis?: { problems?: { kind: string; entrypoint?: string; resolutionKind?: string }[] } };
  try {
    parsed = JSON.parse(result.stdout) as typeof parsed;
  } catch {
    const reason = (result.stderr || result.stdout || String(result.error ?? '')).trim().split('\n')[0];
    return [`attw could not analyse the package: ${reason}`];
  }
  const problems = (parsed.analysis?.problems ?? []).filter(
    (p) => !p.resolutionKind || !IGNORED_RESOLUTIONS[profile].includes(p.resolutionKind),
  );
  const lines = problems.map(
    (p) => `attw: ${p.kind} at ${p.entrypoint ?? '?'} (${p.resolutionKind ?? 'any resolution'})`,
  );
  if (result.status !== 0 && lines.length === 0) lines.push(`attw failed (exit ${result.status})`);
  return lines;
}

async function checkPackage({ dir, pkg }: WorkspacePackage): Promise<Report> {
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
  const lint = await publint({ pkgDir: dir, pack: 'npm', level: 'suggestion' });
  const by = (type: string) => lint.messages.filter((m) => m.type === type);
  for (const m of [...by('error'), ...by('warning')]) {
    problems.push(`publint ${m.type}: ${formatMessage(m, lint.pkg, { color: false }) ?? m.code}`);
  }
  const profile = attwProfile(pkg);
  const attw = runAttw(dir, profile);
  problems.push(...attw);
  const line =
    `${name}: ${problems.length === 0 ? 'ok' : `FAILED (${problems.length} problems)`} — ${counts || 'not packed'}, ` +
    `publint ${by('error').length} errors ${by('warning').length} warnings ${by('suggestion').length} suggestions, ` +
    `attw ${attw.length} problems (${profile})`;
  return { name, ok: problems.length === 0, line, problems };
}

export interface CliIo {
  root?: string;
  stdout?: (line: string) => void;
  stderr?: (line: string) => void;
}

export async function main(argv: string[], io: CliIo = {}): Promise<number> {
  const started = performance.now();
  const root = io.root ?? REPO_ROOT;
  const out = io.stdout ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = io.stderr ?? ((line: string) => process.stderr.write(`${line}\n`));
  let args: { build?: boolean; 'no-build'?: boolean; filter?: string; help?: boolean };
  try {
    args = parseArgs({
      args: argv,
      options: {
        'no-build': { type: 'boolean' },
        filter: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    err(`release:check: ${(error as Error).message} (see --help)`);
    return 2;
  }
  if (args.help) {
    out(HELP);
    return 0;
  }
  let packages = discoverPackages(root);
  if (args.filter) {
    packages = packages.filter(({ pkg }) => pkg.name === args.filter);
    if (packages.length === 0) {
      err(`release:check: no public package named ${args.filter}`);
      return 2;
    }
  }
  let buildFailed = false;
  if (!args['no-build']) {
    const filters = packages.map(({ pkg }) => `--filter=${pkg.name}`);
    // --continue: a package that fails to build is reported, the others are still built and checked.
    const build = spawnSync(
      join(root, 'node_modules/.bin/turbo'),
      ['run', 'build', ...filters, '--continue', '--output-logs=errors-only'],
      { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const ms = Math.round(performance.now() - started);
    if (build.status === 0) out(`release:check: built ${packages.length} packages in ${ms} ms`);
    else {
      buildFailed = true;
      const lines = `${build.stdout}${build.stderr}`.split('\n');
      const errors = lines.filter(
        (l) => /error|failed/i.test(l) && !/^\S*:?\s+at /.test(l.replace(/^\S+:build: /, '')),
      );
      out(`release:check: the build failed (turbo exit ${build.status}, ${ms} ms); checking what is built:`);
      for (const line of errors.slice(0, 12)) out(`  ✗ ${line.trim()}`);
    }
  }
  const reports: Report[] = [];
  for (const p of packages) {
    const report = await checkPackage(p);
    reports.push(report);
    out(report.line);
    for (const problem of report.problems) out(`  ✗ ${problem}`);
  }
  const failed = reports.filter((r) => !r.ok).length;
  out(
    `release:check: ${reports.length} public packages, ${reports.length - failed} ready, ${failed} failed` +
      `${buildFailed ? ', build failed' : ''} in ${Math.round(performance.now() - started)} ms`,
  );
  return failed === 0 && !buildFailed ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: Error) => {
      process.stderr.write(`release:check: unexpected failure: ${error.message}\n`);
      process.exitCode = 1;
    },
  );
}
