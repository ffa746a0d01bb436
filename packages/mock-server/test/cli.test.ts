import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH, FIXTURE_SPEC } from './helpers.js';

const OUT_DIR = fileURLToPath(new URL('../test-output/cli/', import.meta.url));
const CLI = `${OUT_DIR}cli.js`;

// Bundle the CLI the way the package build does (tsup, hashbang kept), then run it with plain node.
beforeAll(async () => {
  await build({
    entry: { cli: fileURLToPath(new URL('../src/cli.ts', import.meta.url)) },
    format: ['esm'],
    outDir: OUT_DIR,
    platform: 'node',
    target: 'node20',
    silent: true,
    config: false,
  });
}, 60_000);
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function run(args: string[]): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return child;
}

/** Starts the CLI and resolves with the URL from its one "listening" line, plus every later stdout line. */
async function start(args: string[]): Promise<{ child: ChildProcess; url: string; lines: string[] }> {
  const child = run(['--port', '0', '--spec', FIXTURE_SPEC, ...args]);
  const lines: string[] = [];
  const reader = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`CLI exited with ${code}`)));
    reader.on('line', (line) => {
      lines.push(line);
      const match = /^replykit-mock listening on (http:\/\/127\.0\.0\.1:\d+) \(10 operations from .+\)$/.exec(
        line,
      );
      if (match) resolve(match[1] as string);
    });
  });
  return { child, url, lines };
}

async function finish(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const [code] = await once(child, 'exit');
  return { code, stdout, stderr };
}

describe('replykit-mock', () => {
  it('serves the spec, logs one line per request with --log, and stops on SIGTERM with exit 0', async () => {
    const { child, url, lines } = await start(['--log']);
    const response = await fetch(`${url}/v1/people`, { headers: AUTH });
    expect(response.status).toBe(200);
    await expect.poll(() => lines.at(-1)).toMatch(/^GET \/v1\/people -> 200 listContacts [\d.]+ms$/);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    await expect(fetch(`${url}/v1/people`, { headers: AUTH })).rejects.toThrow();
  });

  it('injects the faults given by flags', async () => {
    const { child, url } = await start([
      '--rate-5xx',
      '1',
      '--statuses-5xx',
      '503',
      '--retry-after',
      '4',
      '--seed',
      'x',
    ]);
    const response = await fetch(`${url}/v1/people`, { headers: AUTH });
    expect([response.status, response.headers.get('retry-after')]).toEqual([503, '4']);
    child.kill('SIGTERM');
    await once(child, 'exit');
  });

  it('pages the page-envelope operations with --paged-items', async () => {
    const { child, url } = await start(['--paged-items', '150']);
    const response = await fetch(`${url}/v1/people?page=2&limit=100`, { headers: AUTH });
    const body = (await response.json()) as { people: unknown[]; page: number; pagesCount: number };
    expect([response.status, body.people.length, body.page, body.pagesCount]).toEqual([200, 50, 2, 2]);
    child.kill('SIGTERM');
    await once(child, 'exit');
  });

  it('is a node script with a hashbang', () => {
    expect(readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('prints help', async () => {
    const { code, stdout } = await finish(run(['--help']));
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: replykit-mock [options]');
  });

  it.each([
    ['an unknown flag', { given: ['--nope'], want: "replykit-mock: Unknown option '--nope'" }],
    [
      'a bad port',
      { given: ['--port', 'abc'], want: 'replykit-mock: --port must be an integer (got "abc")' },
    ],
    [
      'a bad rate',
      {
        given: ['--rate-429', '2'],
        want: 'replykit-mock: faults.rate429 must be a number between 0 and 1 (got 2)',
      },
    ],
    [
      'bad --paged-items',
      {
        given: ['--paged-items', 'many'],
        want: 'replykit-mock: --paged-items must be an integer (got "many")',
      },
    ],
    [
      'negative --paged-items',
      {
        given: ['--paged-items=-3'],
        want: 'replykit-mock: pagedItems must be a non-negative integer (got -3)',
      },
    ],
    [
      'a missing spec',
      {
        given: ['--spec', '/nonexistent/openapi.yaml'],
        want: 'replykit-mock: spec: cannot read /nonexistent/openapi.yaml (ENOENT)',
      },
    ],
  ])('exits 2 with one line for %s', async (_name, { given, want }) => {
    const { code, stderr } = await finish(run(['--port', '0', ...given]));
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(want);
  });
});
