import { join } from 'node:path';
import { type NativeBinary, probeNative } from './native.js';
import { type Runtime, runCli, writeCli } from './runtime.js';

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
  run: (files, { mockUrl, apiKey }) => {
    const probe = probeNative(binary);
    if (!probe.bin) throw new Error('skip' in probe ? probe.skip : 'deno: no binary');
    const args = ['run', '--no-prompt', '--no-config', '--no-lock', '--allow-net=127.0.0.1'];
    return runCli(
      'deno',
      probe.bin,
      [...args, writeCli(files), mockUrl, apiKey],
      env(join(files.dir, 'deno')),
      files.dir,
    );
  },
};

function env(dir: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: join(dir, 'home'),
    DENO_DIR: join(dir, 'deno-cache'),
    DENO_NO_UPDATE_CHECK: '1',
    NO_COLOR: '1',
  };
}
