import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { checkPackage } from '../src/check-package.js';
import { CONSUMER_PACKAGES, type ConsumerPackage, type TsKind } from '../src/packages.js';
import { samplesModule, TS_KINDS, tsconfigFor, typescriptSamples } from '../src/projects.js';
import { REPO_ROOT } from './global-setup.js';

const PACKAGE_DIR = fileURLToPath(new URL('../', import.meta.url));
const SCENARIOS = join(PACKAGE_DIR, 'fixtures/scenarios');
const TSC = join(PACKAGE_DIR, 'node_modules/typescript/bin/tsc');
const require = createRequire(import.meta.url);

const root = inject('consumerRoot');
const mockUrl = inject('mockUrl');
const cjsDir = join(root, 'cjs');
const base = (p: ConsumerPackage) => p.name.replace(/^@replykit\//, '');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Run {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 60_000 });
  return {
    status: result.status,
    stdout: result.stdout ?? '',
    stderr: result.stderr ?? String(result.error ?? ''),
  };
}

/** The JSON line a scenario printed last, or its failure (exit code and stderr) to show in the diff. */
function printed({ status, stdout, stderr }: Run): unknown {
  const last = stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last);
  } catch {
    return {
      exit: status,
      stdout: stdout.trim().slice(-500),
      stderr: stderr.trim().split('\n').slice(0, 6).join('\n'),
    };
  }
}

beforeAll(() => {
  writeFileSync(join(root, 'config.mjs'), `export const MOCK_URL = ${JSON.stringify(mockUrl)};\n`);
  mkdirSync(cjsDir, { recursive: true });
  writeFileSync(join(cjsDir, 'package.json'), '{ "type": "commonjs" }\n');
  writeFileSync(join(cjsDir, 'config.cjs'), `exports.MOCK_URL = ${JSON.stringify(mockUrl)};\n`);
  cpSync(join(root, 'collection.json'), join(cjsDir, 'collection.json'));
  for (const p of CONSUMER_PACKAGES) {
    if (p.scenarios.esm) cpSync(join(SCENARIOS, p.scenarios.esm), join(root, p.scenarios.esm));
    if (p.scenarios.cjs) cpSync(join(SCENARIOS, p.scenarios.cjs), join(cjsDir, p.scenarios.cjs));
  }
});

/**
 * Open bugs of issue 11 that this suite reproduces, run as `it.fails` so the suite stays green while they are
 * open and turns red the moment one is fixed (then delete its line). Each entry: test name → cause.
 */
const KNOWN_ISSUES = new Map<string, string>([
  [
    'require @replykit/client',
    'dist/index.cjs calls openapi-fetch default import: (0 , import_openapi_fetch.default) is not a function',
  ],
  ['require @replykit/postman-to-openapi', 'no CommonJS entry: ERR_PACKAGE_PATH_NOT_EXPORTED'],
  ['postman-to-openapi --version', 'the CLI has no --version'],
  [
    'ts @replykit/client: typed calls compile, wrong calls do not (@ts-expect-error)',
    'per-call options are not in the method types; apiKey: string | undefined fails exactOptionalPropertyTypes',
  ],
  [
    'ts @replykit/client: the README samples compile',
    'apiKey: process.env.REPLY_API_KEY fails exactOptionalPropertyTypes',
  ],
]);
const check = (name: string) => (KNOWN_ISSUES.has(name) ? it.fails : it);

describe('checkPackage: npm pack files, publint, attw', () => {
  it.each(CONSUMER_PACKAGES.map((p) => [p.name, p] as const))('%s', async (_, p) => {
    const report = await checkPackage(join(REPO_ROOT, p.dir), p.check);
    expect(report.problems, report.line).toEqual([]);
  });
});

const withEsm = CONSUMER_PACKAGES.filter((p) => p.scenarios.esm).map((p) => [p.name, p] as const);
const withCjs = CONSUMER_PACKAGES.filter((p) => p.scenarios.cjs).map((p) => [p.name, p] as const);

describe('an ESM Node project (import)', () => {
  it.each(withEsm)('%s', (_, p) => {
    expect(printed(run(process.execPath, [p.scenarios.esm ?? ''], root))).toEqual(p.expected);
  });
});

describe('a CommonJS Node project (require)', () => {
  for (const [name, p] of withCjs) {
    check(`require ${name}`)(name, () => {
      expect(printed(run(process.execPath, [p.scenarios.cjs ?? ''], cjsDir))).toEqual(
        p.expectedCjs ?? p.expected,
      );
    });
  }
});

describe('the installed CLIs', () => {
  const clis = CONSUMER_PACKAGES.flatMap((p) =>
    (p.cli ?? []).map((cli) => [`${cli.bin} ${cli.args.join(' ')}`, cli] as const),
  );
  for (const [name, cli] of clis)
    check(name)(name, () => {
      const result = run(join(root, 'node_modules/.bin', cli.bin), cli.args, root);
      expect({ exit: result.status, stderr: result.stderr.trim().split('\n')[0] ?? '' }).toMatchObject({
        exit: 0,
      });
      expect(result.stdout).toMatch(cli.stdout);
    });
});

/** Packages whose README samples may be imported: the installed tarballs and Node's built-ins. */
const installed = (specifier: string) =>
  specifier.startsWith('node:') ||
  CONSUMER_PACKAGES.some((p) => specifier === p.name || specifier.startsWith(`${p.name}/`));

describe.each(Object.keys(TS_KINDS) as TsKind[])('a TypeScript project, moduleResolution %s', (kind) => {
  const dir = join(root, `ts-${kind}`);
  const packages = CONSUMER_PACKAGES.filter((p) => !p.tsKinds || p.tsKinds.includes(kind));
  /** tsc's diagnostics, by file name. */
  const diagnostics = new Map<string, string[]>();

  beforeAll(() => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), `{ "type": "${TS_KINDS[kind].type}" }\n`);
    const files: string[] = [];
    for (const p of packages) {
      if (p.scenarios.ts) {
        cpSync(join(SCENARIOS, p.scenarios.ts), join(dir, p.scenarios.ts));
        files.push(p.scenarios.ts);
      }
      const samples = (p.readmes ?? []).flatMap((file) =>
        typescriptSamples(readFileSync(join(REPO_ROOT, file), 'utf8')),
      );
      if (samples.length > 0) {
        writeFileSync(
          join(dir, `readme-${base(p)}.ts`),
          samplesModule(samples, p.readmePrelude ?? '', installed),
        );
        files.push(`readme-${base(p)}.ts`);
      }
    }
    writeFileSync(join(dir, 'tsconfig.json'), tsconfigFor(kind, files));
    const { stdout } = run(process.execPath, [TSC, '-p', '.', '--pretty', 'false'], dir);
    let current = '(tsc)';
    for (const line of stdout.split('\n')) {
      const file = /^([^(\s]+)\(\d+,\d+\): /.exec(line)?.[1];
      if (file) current = basename(file);
      // A diagnostic's continuation lines (indented) belong to its file.
      else if (!/^\s/.test(line)) current = '(tsc)';
      if (line.trim() && (file || current !== '(tsc)' || !/^\s/.test(line)))
        diagnostics.set(current, [...(diagnostics.get(current) ?? []), line]);
    }
  });

  it('tsc ran on the project', () => {
    expect(diagnostics.get('(tsc)') ?? []).toEqual([]);
  });

  for (const p of packages) {
    if (p.scenarios.ts) {
      const typed = `${p.name}: typed calls compile, wrong calls do not (@ts-expect-error)`;
      check(`ts ${typed}`)(typed, () => {
        expect(diagnostics.get(p.scenarios.ts ?? '') ?? []).toEqual([]);
      });
    }
    if (p.readmes?.length) {
      const samples = `${p.name}: the README samples compile`;
      check(`ts ${samples}`)(samples, () => {
        expect(diagnostics.get(`readme-${base(p)}.ts`) ?? []).toEqual([]);
      });
    }
  }
});

/** A runtime's binary from its platform package (an optional dependency), or why it cannot run here. */
function nativeBinary(packageName: string, path: string): { bin: string } | { skip: string } {
  if (`${process.platform}-${process.arch}` !== 'linux-x64')
    return { skip: `${packageName} is pinned for linux-x64` };
  try {
    const bin = join(dirname(require.resolve(`${packageName}/package.json`)), path);
    execFileSync(bin, ['--version'], { stdio: 'ignore' });
    return { bin };
  } catch (error) {
    return { skip: `${packageName} cannot run here: ${(error as Error).message.split('\n')[0]}` };
  }
}

/** How each other runtime runs a package's ESM scenario, or why it cannot run here (printed, then skipped). */
const runtimes: Record<'browser' | 'deno' | 'bun', (scenario: string) => Run | { skip: string }> = {
  // esbuild bundles the scenario for the browser platform (a Node built-in import fails the build); node runs it.
  browser: (scenario) => {
    const bundle = join(root, 'browser', scenario.replace(/\.mjs$/, '.bundle.mjs'));
    const esbuild = join(PACKAGE_DIR, 'node_modules/.bin/esbuild');
    const built = run(
      esbuild,
      [
        scenario,
        '--bundle',
        '--platform=browser',
        '--format=esm',
        `--outfile=${bundle}`,
        '--log-level=error',
      ],
      root,
    );
    if (built.status !== 0) return built;
    return run(process.execPath, [bundle], root);
  },
  deno: (scenario) => {
    const found = nativeBinary('@deno/linux-x64-glibc', 'deno');
    if ('skip' in found) return found;
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: join(root, '.home'),
      DENO_DIR: join(root, '.deno'),
      NO_COLOR: '1',
    };
    return run(
      found.bin,
      ['run', '--allow-net=127.0.0.1', '--allow-read', '--allow-env', scenario],
      root,
      env,
    );
  },
  bun: (scenario) => {
    const found = nativeBinary('@oven/bun-linux-x64', 'bin/bun');
    if ('skip' in found) return found;
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: join(root, '.home'),
      NO_COLOR: '1',
      BUN_INSTALL_CACHE_DIR: join(root, '.bun'),
    };
    return run(found.bin, [scenario], root, env);
  },
};

describe('other runtimes, through the built files', () => {
  const cases = CONSUMER_PACKAGES.flatMap((p) =>
    (p.runtimes ?? []).map((r) => [`${p.name} on ${r}`, p, r] as const),
  );
  it.each(cases)('%s', (name, p, runtime) => {
    const result = runtimes[runtime](p.scenarios.esm ?? '');
    if ('skip' in result) {
      process.stdout.write(`consumers: skipped ${name}: ${result.skip}\n`);
      return;
    }
    expect(printed(result)).toEqual(p.expected);
  });
});
