import { join } from 'node:path';
import { type NativeBinary, probeNative, runNative } from './native.js';
import type { Runtime } from './runtime.js';

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
  run: (files, input) =>
    runNative(binary, files, input, {
      flags: ['--no-install'],
      env: (dir) => ({
        BUN_INSTALL: join(dir, 'bun-home'),
        BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0',
        DO_NOT_TRACK: '1',
      }),
    }),
};
