import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TestProject } from 'vitest/node';
import { CONSUMER_PACKAGES } from '../src/packages.js';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
/** One npm cache for every run and project (outside the repo, reused across runs). */
const NPM_CACHE = join(tmpdir(), 'replykit-consumers-npm-cache');

declare module 'vitest' {
  export interface ProvidedContext {
    consumerRoot: string;
    mockUrl: string;
  }
}

/** npm without the `npm_*` variables pnpm sets for its own config (they would change npm's behaviour). */
export function npmEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  return { ...env, npm_config_cache: NPM_CACHE, npm_config_update_notifier: 'false' };
}

function pnpm(args: string[], cwd: string): string {
  const execPath = process.env.npm_execpath;
  // pnpm's npm_execpath is a JavaScript file for some installs and a native executable for others.
  const [command, prefix]: [string, string[]] =
    !execPath || !/pnpm/.test(execPath)
      ? ['npx', ['--yes', 'pnpm@12.4.2']]
      : /\.[cm]?js$/.test(execPath)
        ? [process.execPath, [execPath]]
        : [execPath, []];
  return execFileSync(command, [...prefix, ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * Packs every public package with `pnpm pack` (workspace: and catalog: ranges rewritten), installs the tarballs
 * with plain npm, once, into a throw-away project outside the monorepo (no workspace node_modules to leak in),
 * and starts the mock server from the installed tarball. The project folder is the ESM project; the test
 * adds the other kinds as sub-folders that share its node_modules.
 */
export default async function setup(project: TestProject) {
  const started = Date.now();
  const root = mkdtempSync(join(tmpdir(), 'replykit-consumers-'));
  const tarballs = join(root, 'tarballs');
  mkdirSync(tarballs);
  const dependencies: Record<string, string> = {};
  for (const p of CONSUMER_PACKAGES) {
    const before = new Set(readdirSync(tarballs));
    pnpm(['pack', '--pack-destination', tarballs], join(REPO_ROOT, p.dir));
    const tarball = readdirSync(tarballs).find((f) => !before.has(f));
    if (!tarball) throw new Error(`pnpm pack of ${p.name} wrote no tarball`);
    dependencies[p.name] = `file:./tarballs/${tarball}`;
  }
  const catalog = readFileSync(join(REPO_ROOT, 'pnpm-workspace.yaml'), 'utf8');
  const typesNode = /"@types\/node": (\S+)/.exec(catalog)?.[1] ?? '20';
  writeFileSync(
    join(root, 'package.json'),
    `${JSON.stringify(
      {
        name: 'replykit-consumer',
        private: true,
        type: 'module',
        dependencies: { ...dependencies, '@types/node': typesNode },
        // A packed package's `@replykit/*` dependency is the tarball too, never the registry.
        overrides: dependencies,
      },
      null,
      2,
    )}\n`,
  );
  cpSync(join(FIXTURES, 'collection.json'), join(root, 'collection.json'));
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: root,
    env: npmEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const mockModule = join(root, 'node_modules/@replykit/mock-server/dist/index.js');
  const { startMockServer } = (await import(
    pathToFileURL(mockModule).href
  )) as typeof import('@replykit/mock-server');
  const mock = await startMockServer();
  process.stdout.write(
    `consumers: packed ${CONSUMER_PACKAGES.length} packages and installed them with npm into ${root} in ${Date.now() - started} ms\n`,
  );
  project.provide('consumerRoot', root);
  project.provide('mockUrl', mock.url);
  return async () => {
    await mock.close();
    if (!process.env.REPLYKIT_KEEP_CONSUMERS) rmSync(root, { recursive: true, force: true });
  };
}
