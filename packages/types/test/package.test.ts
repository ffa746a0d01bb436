import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const packageDir = join(import.meta.dirname, '..');
const bin = (name: string) => join(packageDir, 'node_modules', '.bin', name);
const run = (command: string, args: string[]) =>
  execFileSync(command, args, { cwd: packageDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

// The published artefact: built with tsup, packed by npm, then checked by publint and arethetypeswrong.
describe('the built package', { timeout: 120_000 }, () => {
  beforeAll(() => {
    run(bin('tsup'), ['--silent']);
  }, 120_000);

  it('passes publint --strict', () => {
    expect(run(bin('publint'), ['--strict', '--pack', 'npm'])).toContain('All good!');
  });

  it('passes arethetypeswrong for node10, node16 (CJS and ESM) and bundlers', () => {
    mkdirSync(join(packageDir, 'test-output'), { recursive: true });
    const packed =
      run('npm', ['pack', '--silent', '--pack-destination', 'test-output']).trim().split('\n').pop() ?? '';
    // `openapi.json` is data, not a module with types: its resolution is not checked.
    expect(
      run(bin('attw'), [
        join('test-output', packed),
        '--format',
        'ascii',
        '--exclude-entrypoints',
        './openapi.json',
      ]),
    ).toContain('No problems found');
  });

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
