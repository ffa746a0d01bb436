import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build, type Message } from 'esbuild';

const require = createRequire(import.meta.url);

/** The client package's folder in this workspace (its source, tsup config and dependencies). */
export const CLIENT_DIR = dirname(require.resolve('@replykit/client/package.json'));

/** The smoke scenario's source: bundled with the built client for every runtime. */
export const SMOKE_ENTRY = join(import.meta.dirname, 'smoke.ts');

/**
 * Builds `@replykit/client` with its own tsup config (the published `dist/`) into `outDir`, a staging folder, so
 * that the smoke tests never read a `dist/` another task is rewriting. Returns the ESM entry.
 */
export function buildClient(outDir: string): string {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  execFileSync(join(CLIENT_DIR, 'node_modules', '.bin', 'tsup'), ['--silent', '--out-dir', outDir], {
    cwd: CLIENT_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return join(outDir, 'index.js');
}

export interface BundleOptions {
  /** The module to bundle (default: the smoke scenario). */
  entry?: string;
  /** The built client's ESM entry, which `@replykit/client` resolves to. */
  clientEntry: string;
  outFile: string;
}

export interface Bundle {
  file: string;
  bytes: number;
}

/**
 * Bundles `entry` and the built client into one ESM file for any runtime: platform `neutral`, so nothing is
 * assumed about Node and an import of a Node built-in fails the build. `openapi-fetch` comes from the client's
 * own dependencies. Rejects with one line naming the first error and where it is.
 */
export async function bundleForRuntimes({
  entry = SMOKE_ENTRY,
  clientEntry,
  outFile,
}: BundleOptions): Promise<Bundle> {
  rmSync(outFile, { force: true });
  try {
    await build({
      entryPoints: [entry],
      outfile: outFile,
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      target: 'es2022',
      mainFields: ['module', 'main'],
      nodePaths: [join(CLIENT_DIR, 'node_modules')],
      logLevel: 'silent',
      plugins: [
        {
          name: 'built-client',
          setup(bundler) {
            bundler.onResolve({ filter: /^@replykit\/client$/ }, () => ({ path: clientEntry }));
          },
        },
      ],
    });
  } catch (error) {
    const first = (error as { errors?: Message[] }).errors?.[0];
    if (!first) throw error;
    const where = first.location ? `${first.location.file}:${first.location.line}: ` : '';
    throw new Error(`bundle for runtimes failed: ${where}${first.text}`);
  }
  return { file: outFile, bytes: statSync(outFile).size };
}
