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
    for (const entry of ['package.json', 'README.md', 'LICENSE', 'src']) {
      if (existsSync(join(packageDir, entry)))
        cpSync(join(packageDir, entry), join(stagingDir, entry), { recursive: true });
    }
  }, 120_000);

  it('ships the curated spec as @replykit/types/openapi.json', () => {
    const spec = JSON.parse(readFileSync(join(packageDir, 'src/generated/openapi.json'), 'utf8')) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(spec.openapi).toBe('3.1.0');
    expect(spec.paths).toHaveProperty(['/v1/people']);
    expect(
      run(process.execPath, [
        '-p',
        "Object.keys(require('@replykit/types/openapi.json').paths).length",
      ]).trim(),
    ).toBe(String(Object.keys(spec.paths).length));
  });
});
