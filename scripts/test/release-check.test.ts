import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkPackFiles,
  discoverPackages,
  entryPoints,
  main,
  type PackageJson,
  packFiles,
} from '../src/release-check.js';

const OUTPUT = fileURLToPath(new URL('../test-output/release-check/', import.meta.url));

const esm: PackageJson = {
  name: '@replykit/example',
  type: 'module',
  files: ['dist', 'README.md'],
  exports: {
    '.': { types: './dist/index.d.ts', import: './dist/index.js' },
    './data.json': './src/generated/data.json',
    './package.json': './package.json',
  },
  bin: { example: './dist/cli.js' },
};
const good = [
  'package.json',
  'README.md',
  'LICENSE',
  'dist/index.js',
  'dist/index.d.ts',
  'dist/cli.js',
  'src/generated/data.json',
];

describe('checkPackFiles', () => {
  const cases: [string, { pkg: PackageJson; files: string[]; want: string[] }][] = [
    ['exactly the intended files', { pkg: esm, files: good, want: [] }],
    [
      'a changelog and source maps are fine',
      { pkg: esm, files: [...good, 'CHANGELOG.md', 'dist/index.js.map'], want: [] },
    ],
    [
      'sources, tests and configs',
      {
        pkg: esm,
        files: [
          ...good,
          'src/index.ts',
          'test/index.test.ts',
          'dist/index.test.js',
          'tsconfig.json',
          'vitest.config.ts',
          '.turbo/log',
        ],
        want: [
          'src/index.ts is packed (source or test folder)',
          'test/index.test.ts is packed (source or test folder)',
          'dist/index.test.js is packed (test file)',
          'tsconfig.json is packed (build or test config)',
          'vitest.config.ts is packed (build or test config)',
          '.turbo/log is packed (dotfile)',
        ],
      },
    ],
    [
      'a file outside dist/',
      { pkg: esm, files: [...good, 'docs/guide.md'], want: ['docs/guide.md is packed (outside dist/)'] },
    ],
    [
      'an entry point that is not built',
      {
        pkg: esm,
        files: good.filter((f) => f !== 'dist/index.d.ts' && f !== 'dist/cli.js'),
        want: [
          'bin.example names ./dist/cli.js, which is not packed',
          'exports["."]["types"] names ./dist/index.d.ts, which is not packed',
        ],
      },
    ],
    [
      'no README, no LICENSE, no files field',
      {
        pkg: { ...esm, files: undefined },
        files: good.filter((f) => f !== 'README.md' && f !== 'LICENSE'),
        want: [
          'no "files" field: npm would pack everything that is not ignored',
          'README.md is not packed',
          'LICENSE is not packed',
        ],
      },
    ],
    [
      'a pattern export with no file behind it',
      {
        pkg: { files: ['dist'], exports: { './*': './dist/*.js' } },
        files: ['package.json', 'README.md', 'LICENSE', 'dist/a.d.ts'],
        want: ['exports["./*"] names ./dist/*.js, which is not packed'],
      },
    ],
  ];
  it.each(cases)('%s', (_name, { pkg, files, want }) => {
    expect(checkPackFiles(pkg, files)).toEqual(want);
  });

  it('lists main, module, types, bin and every exports condition as entry points', () => {
    expect(
      entryPoints({
        main: 'a.cjs',
        types: 'a.d.ts',
        bin: 'cli.js',
        exports: { '.': [{ import: './a.js' }, './b.js'] },
      }),
    ).toEqual([
      ['main', 'a.cjs'],
      ['types', 'a.d.ts'],
      ['bin', 'cli.js'],
      ['exports["."][0]["import"]', './a.js'],
      ['exports["."][1]', './b.js'],
    ]);
  });
});

describe('release:check on a fixture workspace', () => {
  const workspace = `${OUTPUT}workspace/`;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(`${workspace}${path}`), { recursive: true });
    writeFileSync(`${workspace}${path}`, text);
  };
  const manifest = (extra: Record<string, unknown>) =>
    JSON.stringify({
      version: '1.0.0',
      license: 'MIT',
      type: 'module',
      engines: { node: '>=20.19' },
      sideEffects: false,
      exports: {
        '.': { types: './dist/index.d.ts', default: './dist/index.js' },
        './package.json': './package.json',
      },
      ...extra,
    });

  beforeAll(() => {
    rmSync(workspace, { recursive: true, force: true });
    write('pnpm-workspace.yaml', 'packages:\n  - packages/*\n  - tools\n');
    write('tools/package.json', JSON.stringify({ name: 'tools', private: true }));
    for (const name of ['good', 'leaky']) {
      write(`packages/${name}/README.md`, `# ${name}\n`);
      write(`packages/${name}/LICENSE`, 'MIT\n');
      write(`packages/${name}/dist/index.js`, 'export const answer = 42;\n');
      write(`packages/${name}/dist/index.d.ts`, 'export declare const answer: number;\n');
      write(`packages/${name}/src/index.ts`, 'export const answer: number = 42;\n');
      write(`packages/${name}/test/index.test.ts`, 'import "../src/index.js";\n');
    }
    write('packages/good/package.json', manifest({ name: 'good', files: ['dist', 'README.md'] }));
    write(
      'packages/leaky/package.json',
      manifest({ name: 'leaky', files: ['dist', 'src', 'test', 'README.md'] }),
    );
  });

  it('finds the public packages only', () => {
    expect(discoverPackages(workspace).map(({ pkg }) => pkg.name)).toEqual(['good', 'leaky']);
  });

  it('reads the real npm pack file list', () => {
    expect(packFiles(`${workspace}packages/leaky`).files.sort()).toEqual([
      'LICENSE',
      'README.md',
      'dist/index.d.ts',
      'dist/index.js',
      'package.json',
      'src/index.ts',
      'test/index.test.ts',
    ]);
  });

  it('prints one line per package, the problems under it, and fails when one package is not ready', async () => {
    const stdout: string[] = [];
    const code = await main(['--no-build'], {
      root: workspace,
      stdout: (l) => stdout.push(l),
      stderr: (l) => stdout.push(l),
    });
    expect(code).toBe(1);
    expect(stdout).toEqual([
      expect.stringMatching(
        /^good: ok — 5 files \(\d+\.\d kB packed\), publint 0 errors 0 warnings \d+ suggestions, attw 0 problems \(esm-only\)$/,
      ),
      expect.stringMatching(/^leaky: FAILED \(2 problems\) — 7 files/),
      '  ✗ src/index.ts is packed (source or test folder)',
      '  ✗ test/index.test.ts is packed (source or test folder)',
      expect.stringMatching(/^release:check: 2 public packages, 1 ready, 1 failed in \d+ ms$/),
    ]);
  });

  it('refuses a --filter that names no public package', async () => {
    const stderr: string[] = [];
    const io = { root: workspace, stdout: () => {}, stderr: (l: string) => stderr.push(l) };
    expect(await main(['--no-build', '--filter', 'tools'], io)).toBe(2);
    expect(stderr).toEqual(['release:check: no public package named tools']);
  });
});
