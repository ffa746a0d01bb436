import { mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileSpec } from '../src/compiled-spec.js';
import { loadSpec } from '../src/spec.js';
import { call, FIXTURE_SPEC, startFixtureServer } from './helpers.js';

const OUT = 'test-output/compiled-spec';
mkdirSync(OUT, { recursive: true });

describe('compileSpec', () => {
  it('reuses the compiled spec of an unchanged file', () => {
    expect(compileSpec(FIXTURE_SPEC)).toBe(compileSpec(FIXTURE_SPEC));
  });

  it('recompiles a file that changed, so a restarted server serves the new examples', async () => {
    const file = `${OUT}/spec.yaml`;
    const original = readFileSync(FIXTURE_SPEC, 'utf8');
    writeFileSync(file, original);
    const first = await startFixtureServer({ spec: file });
    expect((await call(first, { path: '/v1/ping' })).json).toEqual({ pong: true });
    writeFileSync(file, original.replace('example: { pong: true }', 'example: { pong: false }'));
    // Same second on coarse file systems: move the mtime on explicitly.
    const later = new Date(Date.now() + 5_000);
    utimesSync(file, later, later);
    const second = await startFixtureServer({ spec: file });
    expect((await call(second, { path: '/v1/ping' })).json).toEqual({ pong: false });
  });

  it('compiles a document object every time', () => {
    const { document } = loadSpec(FIXTURE_SPEC);
    expect(compileSpec(document)).not.toBe(compileSpec(document));
  });
});
