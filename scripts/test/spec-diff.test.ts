import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { main, userDirectory } from '../src/spec-diff.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/spec-diff/', import.meta.url));
const OUTPUT = fileURLToPath(new URL('../test-output/spec-diff-cli/', import.meta.url));
const SCRIPT = fileURLToPath(new URL('../src/spec-diff.ts', import.meta.url));

function run(argv: string[], root = OUTPUT, cwd = FIXTURES) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = main(argv, { root, cwd, stdout: (l) => stdout.push(l), stderr: (l) => stderr.push(l) });
  return { code, stdout, stderr };
}

beforeAll(() => {
  rmSync(OUTPUT, { recursive: true, force: true });
  mkdirSync(OUTPUT, { recursive: true });
});

describe('spec:diff CLI', () => {
  const cases: [string, { argv: string[]; code: number; last: string; changes: number }][] = [
    [
      'identical specs',
      { argv: ['--base', 'base.yaml', '--head', 'base.yaml'], code: 0, last: 'bump: none', changes: 0 },
    ],
    [
      'a breaking change',
      {
        argv: ['--base', 'base.yaml', '--head', 'request-field-removed.yaml'],
        code: 0,
        last: 'bump: major',
        changes: 1,
      },
    ],
    [
      'an addition',
      {
        argv: ['--base', 'operation-removed.yaml', '--head', 'base.yaml'],
        code: 0,
        last: 'bump: minor',
        changes: 1,
      },
    ],
    [
      'documentation only',
      {
        argv: ['--base', 'base.yaml', '--head', 'shared-description-changed.yaml'],
        code: 0,
        last: 'bump: patch',
        changes: 4,
      },
    ],
  ];
  it.each(cases)('%s', (_name, { argv, code, last, changes }) => {
    const result = run(argv);
    expect(result.code).toBe(code);
    expect(result.stderr).toEqual([]);
    expect(result.stdout.at(-1)).toBe(last);
    expect(result.stdout.at(-2)).toMatch(
      new RegExp(`^spec:diff: \\S+ → \\S+: ${changes} changes \\(.*\\) in \\d+ ms$`),
    );
    expect(result.stdout).toHaveLength(changes + 2);
  });

  const errors: [string, { argv: string[]; error: RegExp }][] = [
    [
      'an unknown option',
      { argv: ['--bsae', 'x'], error: /^spec:diff: Unknown option '--bsae'.*\(see --help\)$/ },
    ],
    [
      'a missing head file',
      {
        argv: ['--base', 'base.yaml', '--head', 'nope.yaml'],
        error: /^spec:diff: cannot read the new spec .*nope\.yaml$/,
      },
    ],
    [
      'a base that is not YAML',
      {
        argv: ['--base', '../../spec-diff.test.ts', '--head', 'base.yaml'],
        error: /^spec:diff: base .* is not (valid YAML|an OpenAPI 3\.x document)/,
      },
    ],
    [
      'a base that is neither file nor ref',
      {
        argv: ['--base', 'no-such-ref', '--head', 'base.yaml'],
        error: /^spec:diff: (--base no-such-ref is neither a file nor a git ref|cannot list git tags)/,
      },
    ],
  ];
  it.each(errors)('fails with exit 2 and one line on %s', (_name, { argv, error }) => {
    const result = run(argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toEqual([]);
    expect(result.stderr).toHaveLength(1);
    expect(result.stderr[0]).toMatch(error);
  });

  it('writes a changeset bumping types and client, named after the new spec, only when something changed', () => {
    const root = `${OUTPUT}changeset/`;
    mkdirSync(root, { recursive: true });
    const first = run(['--base', 'base.yaml', '--head', 'response-field-removed.yaml', '--changeset'], root);
    expect(first.code).toBe(0);
    expect(first.stdout.at(-2)).toMatch(/wrote \.changeset\/spec-[0-9a-f]{8}\.md/);
    const files = readdirSync(`${root}.changeset`);
    expect(files).toHaveLength(1);
    const text = readFileSync(`${root}.changeset/${files[0]}`, 'utf8');
    expect(text).toMatch(/^---\n"@replykit\/types": major\n"@replykit\/client": major\n---\n\n/);
    expect(text).toContain('- major: `GET /v1/people › response 200 › total` — response field removed');
    // The same spec again: the same file, not a second one.
    run(['--base', 'base.yaml', '--head', 'response-field-removed.yaml', '--changeset'], root);
    expect(readdirSync(`${root}.changeset`)).toEqual(files);
    const none = run(['--base', 'base.yaml', '--head', 'base.yaml', '--changeset'], `${OUTPUT}none/`);
    expect(none.stdout.at(-1)).toBe('bump: none');
    expect(existsSync(`${OUTPUT}none/.changeset`)).toBe(false);
  });
});

describe('spec:diff against git', () => {
  const repo = `${OUTPUT}repo/`;
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], {
      cwd: repo,
      stdio: 'pipe',
      encoding: 'utf8',
    });
  const commit = (fixture: string, tag?: string) => {
    copyFileSync(`${FIXTURES}${fixture}`, `${repo}spec/openapi.yaml`);
    git('add', 'spec/openapi.yaml');
    git('commit', '-q', '-m', fixture);
    if (tag) git('tag', tag);
  };

  beforeAll(() => {
    mkdirSync(`${repo}spec`, { recursive: true });
    git('init', '-q');
    commit('base.yaml', 'v1.9.0');
    commit('operation-removed.yaml', '@replykit/types@1.10.0');
    commit('summary-changed.yaml');
  });

  it('compares with the highest release tag by default, whatever its tag style', () => {
    // Working tree = summary-changed.yaml; latest release = operation-removed.yaml (1.10.0 > 1.9.0).
    const result = run([], repo, repo);
    expect(result.stderr).toEqual([]);
    expect(result.stdout.slice(0, -2)).toEqual([
      'minor  DELETE /v1/people/{id} — operation added',
      'patch  GET /v1/people — summary changed',
    ]);
    expect(result.stdout.at(-2)).toMatch(
      /^spec:diff: @replykit\/types@1\.10\.0 → spec\/openapi\.yaml: 2 changes/,
    );
  });

  it('compares with any git ref given as --base', () => {
    writeFileSync(`${repo}spec/openapi.yaml`, readFileSync(`${FIXTURES}summary-changed.yaml`));
    const result = run(['--base', 'HEAD'], repo, repo);
    expect(result.stdout).toEqual([expect.stringMatching(/^spec:diff: HEAD → .*: 0 changes/), 'bump: none']);
    expect(run(['--base', 'v1.9.0'], repo, repo).stdout.slice(0, -2)).toEqual([
      'patch  GET /v1/people — summary changed',
    ]);
  });

  it('says so when the ref has no spec', () => {
    git('checkout', '-q', '--orphan', 'empty');
    git('rm', '-q', '-r', '--cached', '.');
    git('commit', '-q', '--allow-empty', '-m', 'empty');
    const result = run(['--base', 'HEAD', '--head', `${FIXTURES}base.yaml`], repo, repo);
    expect(result.code).toBe(2);
    expect(result.stderr).toEqual([
      'spec:diff: spec/openapi.yaml does not exist at HEAD; pass --base with a ref or file that has the spec',
    ]);
  });
});

describe('userDirectory', () => {
  const cases: [string, { env: NodeJS.ProcessEnv; want: string }][] = [
    [
      'run by turbo: the repository root, whatever pnpm set',
      { env: { TURBO_HASH: 'abc', INIT_CWD: '/repo/scripts' }, want: '/repo' },
    ],
    ['run by pnpm directly: where pnpm was started', { env: { INIT_CWD: '/repo/spec' }, want: '/repo/spec' }],
    ['run by tsx: the repository root', { env: {}, want: '/repo' }],
  ];
  it.each(cases)('%s', (_name, { env, want }) => {
    expect(userDirectory('/repo', env)).toBe(want);
  });
});

describe('spec:diff as a process', () => {
  it('resolves relative paths against INIT_CWD and ends with the bump line', () => {
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', SCRIPT, '--base', 'base.yaml', '--head', 'enum-value-removed.yaml'],
      { env: { ...process.env, TURBO_HASH: '', INIT_CWD: FIXTURES }, encoding: 'utf8' },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines.at(-1)).toBe('bump: major');
  });

  it('prints help naming the path rule', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, '--help'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('INIT_CWD');
    expect(result.stdout).toContain('bump: major|minor|patch|none');
  });
});
