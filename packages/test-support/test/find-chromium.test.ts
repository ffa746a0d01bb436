import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findChromium } from '../src/find-chromium.js';

const OUTPUT = join(import.meta.dirname, '..', 'test-output', 'find-chromium');
mkdirSync(OUTPUT, { recursive: true });
const fakeSystem = join(OUTPUT, 'system-chromium');
writeFileSync(fakeSystem, '');
const fakeEnv = join(OUTPUT, 'env-chromium');
writeFileSync(fakeEnv, '');
const nowhere = join(OUTPUT, 'nowhere');

describe('findChromium', () => {
  it.each<
    [
      string,
      { env: NodeJS.ProcessEnv; systemPaths: string[]; want: { executablePath: string; source: string } },
    ]
  >([
    [
      'CHROMIUM_PATH first',
      {
        env: { CHROMIUM_PATH: fakeEnv },
        systemPaths: [fakeSystem],
        want: { executablePath: fakeEnv, source: 'CHROMIUM_PATH' },
      },
    ],
    [
      'then the first system browser that exists',
      { env: {}, systemPaths: [nowhere, fakeSystem], want: { executablePath: fakeSystem, source: 'system' } },
    ],
  ])('%s', (_name, { env, systemPaths, want }) => {
    expect(findChromium({ env, systemPaths })).toEqual(want);
  });

  it('names a CHROMIUM_PATH that points at nothing instead of searching on', () => {
    expect(() => findChromium({ env: { CHROMIUM_PATH: nowhere }, systemPaths: [fakeSystem] })).toThrow(
      `chromium: CHROMIUM_PATH is ${nowhere}, and no file is there`,
    );
  });

  it('says what was tried on a platform without the packaged browser', () => {
    expect(() => findChromium({ env: {}, systemPaths: [], platform: 'darwin', arch: 'arm64' })).toThrow(
      /^chromium: no browser found .* not darwin-arm64\); install Chrome or Chromium, or set CHROMIUM_PATH$/,
    );
  });

  it.runIf(process.platform === 'linux' && process.arch === 'x64')(
    'falls back to (and REPLYKIT_PACKAGED_CHROMIUM=1 forces) the Chromium inside @sparticuz/chromium',
    () => {
      for (const env of [{}, { REPLYKIT_PACKAGED_CHROMIUM: '1', CHROMIUM_PATH: fakeEnv }]) {
        const found = findChromium({ env, systemPaths: env.CHROMIUM_PATH ? [fakeSystem] : [] });
        expect(found.source).toBe('@sparticuz/chromium');
        expect(found.executablePath).toMatch(/replykit-chromium-[\d.]+\/chromium$/);
        expect(existsSync(found.executablePath)).toBe(true);
      }
    },
  );
});
