import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const packageDir = join(import.meta.dirname, '..');
// Built and packed in a staging copy, so that the test never touches \`dist/\` while other tasks read it.
const stagingDir = join(packageDir, 'test-output', 'package');
const bin = (name: string) => join(packageDir, 'node_modules', '.bin', name);
const run = (command: string, args: string[], cwd = stagingDir) =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

// The built artefact's own facts. publint, attw and the npm pack file list: the shared checkPackage
// (@replykit/consumers, ADR 0091), run by the consumer suite and `pnpm release:check`.
describe('the built package', { timeout: 120_000 }, () => {
  beforeAll(() => {
    rmSync(stagingDir, { recursive: true, force: true });
    mkdirSync(stagingDir, { recursive: true });
    run(bin('tsup'), ['--silent', '--out-dir', join(stagingDir, 'dist')], packageDir);
    for (const entry of ['package.json', 'README.md', 'LICENSE']) {
      if (existsSync(join(packageDir, entry)))
        cpSync(join(packageDir, entry), join(stagingDir, entry), { recursive: true });
    }
  }, 120_000);

  it('imports no Node built-ins and has openapi-fetch as its only runtime dependency', () => {
    for (const file of ['dist/index.js', 'dist/index.cjs']) {
      const code = readFileSync(join(stagingDir, file), 'utf8');
      const imports = [...code.matchAll(/(?:from\s+|require\()\s*["']([^"']+)["']/g)].map(
        (match) => match[1],
      );
      expect(new Set(imports), file).toEqual(new Set(['openapi-fetch']));
    }
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['@replykit/types', 'openapi-fetch']);
  });

  it('loads in both module systems with the same public API', async () => {
    const esm = await import(join(stagingDir, 'dist/index.js'));
    const cjs = run(process.execPath, [
      '-e',
      "console.log(Object.keys(require('./dist/index.cjs')).sort().join(','))",
    ]).trim();
    expect(Object.keys(esm).sort().join(',')).toBe(cjs);
    expect(cjs.split(',')).toEqual(
      expect.arrayContaining([
        'createReplyClient',
        'unwrap',
        'ReplyError',
        'ReplyApiError',
        'BadRequestError',
        'AuthenticationError',
        'PermissionDeniedError',
        'NotFoundError',
        'RateLimitError',
        'InternalServerError',
        'ReplyConnectionError',
        'ReplyTimeoutError',
        'ReplyConfigError',
        'replyClientDefaults',
      ]),
    );
  });
});
