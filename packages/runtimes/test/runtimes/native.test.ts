import { describe, expect, it } from 'vitest';
import { type NativeBinary, probeNative } from '../../src/runtimes/native.js';

const deno: NativeBinary = {
  runtime: 'deno',
  packageName: '@deno/linux-x64-glibc',
  platform: 'linux-x64',
  path: 'deno',
};

// The skip reasons a machine without a usable binary shows instead of silently passing.
describe('probeNative', () => {
  it.each([
    [
      'another platform',
      {
        given: { binary: deno, here: 'darwin-arm64' },
        want: { skip: 'deno: only @deno/linux-x64-glibc (linux-x64) is pinned; this is darwin-arm64' },
      },
    ],
    [
      'a platform package that is not installed',
      {
        given: { binary: { ...deno, packageName: '@deno/linux-x64-musl' }, here: 'linux-x64' },
        want: { skip: 'deno: @deno/linux-x64-musl is not installed (an optional dependency)' },
      },
    ],
    [
      'a binary that does not start',
      {
        given: { binary: { ...deno, path: 'package.json' }, here: 'linux-x64' },
        want: { skip: expect.stringMatching(/^deno: \S+package\.json --version failed: .+/) },
      },
    ],
  ])('skips on %s, naming the runtime and the cause', (_, { given, want }) => {
    expect(probeNative(given.binary, given.here)).toEqual(want);
  });

  it.runIf(process.platform === 'linux' && process.arch === 'x64')(
    'finds deno in its platform package and reads its version',
    () => {
      expect(probeNative(deno)).toEqual({
        version: expect.stringMatching(/^deno 2\.\d+\.\d+ /),
        bin: expect.stringMatching(/@deno\/linux-x64-glibc\/deno$/),
      });
    },
  );
});
