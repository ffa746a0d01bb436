import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { SmokeInput, SmokeResult } from '../smoke.js';
import { firstLine, type Probe, runCli, type SmokeFiles, writeCli } from './runtime.js';

const require = createRequire(import.meta.url);

export interface NativeBinary {
  /** The runtime's name in skip reasons. */
  runtime: string;
  /** The registry package that ships the binary, an optional dependency of this package. */
  packageName: string;
  /** `${process.platform}-${process.arch}` the package is built for. */
  platform: string;
  /** The binary's path inside the package. */
  path: string;
}

/**
 * Finds a runtime's binary in its platform package (used directly: the `deno` and `bun` wrapper packages would
 * need an install script) and runs `--version`; anything that stops it becomes the skip reason.
 */
export function probeNative(
  binary: NativeBinary,
  here = `${process.platform}-${process.arch}`,
): Probe & { bin?: string } {
  if (here !== binary.platform) {
    return {
      skip: `${binary.runtime}: only ${binary.packageName} (${binary.platform}) is pinned; this is ${here}`,
    };
  }
  let bin: string;
  try {
    bin = join(dirname(require.resolve(`${binary.packageName}/package.json`)), binary.path);
  } catch {
    return { skip: `${binary.runtime}: ${binary.packageName} is not installed (an optional dependency)` };
  }
  try {
    const out = execFileSync(bin, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { version: out.trim().split('\n')[0] ?? '', bin };
  } catch (error) {
    return { skip: `${binary.runtime}: ${bin} --version failed: ${firstLine(error)}` };
  }
}

export interface NativeRun {
  /** Arguments before the CLI's path. */
  flags: string[];
  /** The runtime's own variables, given its folder `<smoke dir>/<runtime>` for caches and homes. */
  env(dir: string): Record<string, string>;
}

/**
 * Runs the smoke CLI with the runtime's binary: `flags`, then the CLI, the mock URL and the key. Its environment
 * is `PATH`, a `HOME` under the smoke folder, `NO_COLOR` and the runtime's own variables, nothing inherited.
 * A binary that cannot run here throws its skip reason.
 */
export function runNative(
  binary: NativeBinary,
  files: SmokeFiles,
  { mockUrl, apiKey }: Required<SmokeInput>,
  { flags, env }: NativeRun,
): Promise<SmokeResult> {
  const probe = probeNative(binary);
  if (!probe.bin) throw new Error('skip' in probe ? probe.skip : `${binary.runtime}: no binary`);
  const dir = join(files.dir, binary.runtime);
  const vars = { PATH: process.env.PATH ?? '', HOME: join(dir, 'home'), NO_COLOR: '1', ...env(dir) };
  return runCli(binary.runtime, probe.bin, [...flags, writeCli(files), mockUrl, apiKey], vars, files.dir);
}
