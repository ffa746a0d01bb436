/**
 * `pnpm release:check`: builds every public package, then checks what would be published: `npm pack` lists
 * exactly the intended files (dist, README, LICENSE, package.json; every entry point present), `publint`
 * finds no error or warning, and `@arethetypeswrong/cli` finds no type resolution problem.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { checkPackage, type PackageJson, type PackageReport } from '@replykit/consumers/check-package';
import { checkOptionsFor } from '@replykit/consumers/packages';
import { parse } from 'yaml';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const HELP = `Usage: pnpm release:check [--no-build] [--filter <package>]

Builds every public workspace package (no "private": true), then for each one prints one line:
  npm pack --dry-run   exactly package.json, README, LICENSE, CHANGELOG and dist/ files; no sources, tests
                       or configs; every file named by exports/main/module/types/bin is packed
  publint              no errors or warnings
  attw --pack          no type resolution problems (one node10 policy, ADR 0091: see @replykit/consumers)
then a summary line. Exit codes: 0 all publishable, 1 a check failed, 2 bad arguments.

  --no-build           check what is built now
  --filter <package>   check one package (by name)`;

export type { PackageJson } from '@replykit/consumers/check-package';
export { checkPackFiles, entryPoints, packFiles } from '@replykit/consumers/check-package';

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
  const reports: PackageReport[] = [];
  for (const p of packages) {
    const report = await checkPackage(p.dir, checkOptionsFor(p.pkg.name));
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
