import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where a browser came from, in the order they are tried. */
export type ChromiumSource = 'CHROMIUM_PATH' | 'system' | '@sparticuz/chromium';

export interface FoundChromium {
  executablePath: string;
  source: ChromiumSource;
}

/** Set to `1` to skip `CHROMIUM_PATH` and the system browser and use the one from the npm registry. */
export const FORCE_PACKAGED_VARIABLE = 'REPLYKIT_PACKAGED_CHROMIUM';

/** System Chromium and Chrome builds, Debian's first. */
export const SYSTEM_CHROMIUM_PATHS: readonly string[] = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

export interface FindOptions {
  env?: NodeJS.ProcessEnv;
  systemPaths?: readonly string[];
  platform?: string;
  arch?: string;
}

/**
 * The browser the tests use: `CHROMIUM_PATH`, else a system Chromium/Chrome, else the Chromium that
 * `@sparticuz/chromium` ships inside its npm package (linux-x64 only). Nothing is ever downloaded.
 * Throws one line saying what was tried when there is none.
 */
export function findChromium(options: FindOptions = {}): FoundChromium {
  const env = options.env ?? process.env;
  const forced = env[FORCE_PACKAGED_VARIABLE] === '1';
  if (!forced && env.CHROMIUM_PATH) {
    if (!existsSync(env.CHROMIUM_PATH)) {
      throw new Error(`chromium: CHROMIUM_PATH is ${env.CHROMIUM_PATH}, and no file is there`);
    }
    return { executablePath: env.CHROMIUM_PATH, source: 'CHROMIUM_PATH' };
  }
  if (!forced) {
    const system = (options.systemPaths ?? SYSTEM_CHROMIUM_PATHS).find((path) => existsSync(path));
    if (system) return { executablePath: system, source: 'system' };
  }
  const platform = `${options.platform ?? process.platform}-${options.arch ?? process.arch}`;
  if (platform !== 'linux-x64') {
    throw new Error(
      `chromium: no browser found (CHROMIUM_PATH unset, no system Chromium/Chrome, and @sparticuz/chromium runs on linux-x64 only, not ${platform}); install Chrome or Chromium, or set CHROMIUM_PATH`,
    );
  }
  return { executablePath: packagedChromium(), source: '@sparticuz/chromium' };
}

/**
 * Unpacks `@sparticuz/chromium`'s binary once per version into `<tmp>/replykit-chromium-<version>/`.
 * The package always unpacks into its tmpdir, so it runs in a child process with a private TMPDIR that is
 * then renamed into place: two test processes starting at once never see a half-written browser.
 */
function packagedChromium(): string {
  const entryFile = createRequire(import.meta.url).resolve('@sparticuz/chromium');
  const manifest = packageManifest(entryFile);
  const target = join(tmpdir(), `replykit-chromium-${manifest.version}`);
  const binary = join(target, 'chromium');
  if (existsSync(binary)) return binary;
  mkdirSync(tmpdir(), { recursive: true });
  const staging = mkdtempSync(join(tmpdir(), 'replykit-chromium-staging-'));
  try {
    const entry = pathToFileURL(entryFile).href;
    const script = `import(${JSON.stringify(entry)}).then((m) => m.default.executablePath()).then((p) => process.stdout.write(p))`;
    const run = spawnSync(process.execPath, ['-e', script], {
      env: { ...process.env, TMPDIR: staging },
      encoding: 'utf8',
    });
    if (run.status !== 0 || !existsSync(join(staging, 'chromium'))) {
      const reason = (run.stderr || run.error?.message || `exit ${run.status}`).trim().split('\n')[0];
      throw new Error(`chromium: could not unpack @sparticuz/chromium ${manifest.version}: ${reason}`);
    }
    try {
      renameSync(staging, target);
    } catch (error) {
      // Another process renamed its copy into place first; use that one.
      if (!existsSync(binary)) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return binary;
}

/** The package.json of `@sparticuz/chromium` (its exports map hides it), found upwards from its entry file. */
function packageManifest(entryFile: string): { version: string } {
  for (let dir = dirname(entryFile); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version: string };
    if (manifest.name === '@sparticuz/chromium') return manifest;
  }
  throw new Error(`chromium: no package.json of @sparticuz/chromium above ${entryFile}`);
}
