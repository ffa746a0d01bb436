import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { corpusFile, packageRoot, testOutput } from './helpers.js';

/** The CLI is bundled from the current source with tsup (as `pnpm build` does) and run as a real process. */
const work = join(testOutput, 'cli');
const cli = join(work, 'dist/cli.js');

beforeAll(() => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const tsup = join(packageRoot, 'node_modules/.bin/tsup');
  const build = spawnSync(
    tsup,
    [
      'src/cli.ts',
      '--no-config',
      '--format',
      'esm',
      '--platform',
      'node',
      '--target',
      'node20',
      '--out-dir',
      join(work, 'dist'),
      '--silent',
    ],
    { cwd: packageRoot, encoding: 'utf8' },
  );
  expect(build.status, build.stderr).toBe(0);
});

function run(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: work, encoding: 'utf8', input });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const fixture = (name: string) => corpusFile(`p2o-fixtures/v21/${name}`);

describe('postman-to-openapi CLI: bad input', () => {
  const files: Record<string, string> = {
    'not-json.json': '{"info": {',
    'array.json': '[1, 2]',
    'openapi.json': '{"openapi": "3.1.0", "paths": {}}',
    'v3.json':
      '{"info": {"schema": "https://schema.getpostman.com/json/collection/v3.0.0/collection.json"}, "item": []}',
  };
  beforeAll(() => {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(work, name), text);
  });

  const cases: Array<[string, { given: string; want: RegExp }]> = [
    [
      'not JSON',
      {
        given: 'not-json.json',
        want: /^postman-to-openapi: error: not-json\.json: not valid JSON at line 1, column 11 \(.+\)\n$/,
      },
    ],
    [
      'not a collection (array)',
      {
        given: 'array.json',
        want: /^postman-to-openapi: error: array\.json: expected a Postman collection object, got an array\n$/,
      },
    ],
    [
      'not a collection (OpenAPI)',
      {
        given: 'openapi.json',
        want: /^postman-to-openapi: error: openapi\.json: not a Postman collection: no "info" object/,
      },
    ],
    [
      'unknown schema version',
      {
        given: 'v3.json',
        want: /^postman-to-openapi: error: v3\.json info\.schema: unsupported collection schema .*supported: v2\.0\.0, v2\.1\.0\n$/,
      },
    ],
    ['missing file', { given: 'nope.json', want: /^postman-to-openapi: error: nope\.json: no such file\n$/ }],
  ];
  it.each(cases)('%s: one line, exit 2, nothing written', (_name, { given, want }) => {
    const output = join(work, `${given}.out.yaml`);
    writeFileSync(output, 'previous content');
    const result = run([given, '-o', output]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(want);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
    expect(readFileSync(output, 'utf8')).toBe('previous content');
  });

  it('rejects bad usage with exit 2', () => {
    const result = run([]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'postman-to-openapi: expected exactly one collection file (or - for stdin) (see --help)\n',
    );
  });
});

describe('postman-to-openapi CLI: output', () => {
  it('writes YAML to stdout by default', () => {
    const result = run([fixture('SimplePost.json')]);
    expect(result.status).toBe(0);
    expect(parse(result.stdout)).toMatchObject({ openapi: '3.1.0', info: { title: 'Simple Post' } });
  });

  it('reads stdin with -', () => {
    const result = run(['-'], readFileSync(fixture('SimplePost.json'), 'utf8'));
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(run([fixture('SimplePost.json')]).stdout);
  });

  const formats: Array<[string, { given: string; want: (text: string) => unknown }]> = [
    ['JSON for .json', { given: 'out.json', want: (text) => JSON.parse(text) }],
    ['YAML for .yaml', { given: 'out.yaml', want: (text) => parse(text) }],
  ];
  it.each(formats)('-o writes %s', (_name, { given, want }) => {
    const output = join(work, given);
    rmSync(output, { force: true });
    const result = run([fixture('SimplePost.json'), '-o', output]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    expect(want(readFileSync(output, 'utf8'))).toMatchObject({ openapi: '3.1.0' });
  });

  it('--strict exits 1 and writes nothing when there are warnings', () => {
    const output = join(work, 'strict.yaml');
    rmSync(output, { force: true });
    const loose = run([corpusFile('real-world/echo.postman.json'), '-o', output]);
    expect(loose.status).toBe(0);
    expect(loose.stderr).toMatch(/^warning unsupported-auth at Authentication Methods \/ Hawk Auth: /m);
    rmSync(output);
    const strict = run([corpusFile('real-world/echo.postman.json'), '-o', output, '--strict']);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toMatch(/3 warning\(s\) with --strict; nothing written\n$/);
    expect(existsSync(output)).toBe(false);
  });

  it('--strict exits 0 without warnings', () => {
    expect(run([fixture('SimplePost.json'), '--strict']).status).toBe(0);
  });

  it('--tags chain names tags after the folder chain', () => {
    const result = run([fixture('FolderCollection.json'), '--tags', 'chain']);
    expect(result.status).toBe(0);
    const tags = (parse(result.stdout) as { tags: Array<{ name: string }> }).tags.map((tag) => tag.name);
    expect(tags.some((name) => name.includes(' > '))).toBe(true);
  });
});
