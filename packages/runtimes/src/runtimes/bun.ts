import { join } from 'node:path';
import { type NativeBinary, probeNative } from './native.js';
import { type Runtime, runCli, writeCli } from './runtime.js';

const binary: NativeBinary = {
  runtime: 'bun',
  packageName: '@oven/bun-linux-x64',
  platform: 'linux-x64',
  path: join('bin', 'bun'),
};

/** Bun from its platform package: no auto-install, no transpiler cache, no telemetry, home under the smoke folder. */
export const bun: Runtime = {
  name: 'bun',
  label: `bun from ${binary.packageName}`,
  probe: () => probeNative(binary),
  run: (files, { mockUrl, apiKey }) => {
    const probe = probeNative(binary);
    if (!probe.bin) throw new Error('skip' in probe ? probe.skip : 'bun: no binary');
    const args = ['--no-install', writeCli(files), mockUrl, apiKey];
    return runCli('bun', probe.bin, args, env(join(files.dir, 'bun')), files.dir);
  },
};

function env(dir: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: join(dir, 'home'),
    BUN_INSTALL: join(dir, 'bun-home'),
    BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0',
    DO_NOT_TRACK: '1',
    NO_COLOR: '1',
  };
}
