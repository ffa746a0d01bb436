import { join } from 'node:path';
import { type NativeBinary, probeNative, runNative } from './native.js';
import type { Runtime } from './runtime.js';

const binary: NativeBinary = {
  runtime: 'deno',
  packageName: '@deno/linux-x64-glibc',
  platform: 'linux-x64',
  path: 'deno',
};

/**
 * Deno from its platform package, with network access to 127.0.0.1 only and no other permission: no
 * environment, file or subprocess access, no prompt, no config or lock file, its cache under the smoke folder.
 */
export const deno: Runtime = {
  name: 'deno',
  label: `deno from ${binary.packageName}`,
  probe: () => probeNative(binary),
  run: (files, input) =>
    runNative(binary, files, input, {
      flags: ['run', '--no-prompt', '--no-config', '--no-lock', '--allow-net=127.0.0.1'],
      env: (dir) => ({ DENO_DIR: join(dir, 'deno-cache'), DENO_NO_UPDATE_CHECK: '1' }),
    }),
};
