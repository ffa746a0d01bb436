import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { bundleForRuntimes } from '../src/build.js';

const TEST_OUTPUT = join(import.meta.dirname, '..', 'test-output', 'build');

describe('bundleForRuntimes', () => {
  it.each([
    ['node:fs', { given: "import { readFileSync } from 'node:fs';\nreadFileSync('x');", want: 'node:fs' }],
    ['a bare built-in (fs)', { given: "import fs from 'fs';\nfs.readFileSync('x');", want: 'fs' }],
    ['node:buffer', { given: "export { Buffer } from 'node:buffer';", want: 'node:buffer' }],
    [
      'a built-in next to the client',
      { given: "import '@replykit/client';\nimport 'node:http';", want: 'node:http' },
    ],
  ])('fails with one line naming the import of %s and where it is', async (name, { given, want }) => {
    mkdirSync(TEST_OUTPUT, { recursive: true });
    const entry = join(TEST_OUTPUT, `${name.replace(/\W+/g, '-')}.ts`);
    writeFileSync(entry, `${given}\n`);
    const clientEntry = join(import.meta.dirname, '..', 'test-output', 'client', 'dist', 'index.js');
    const line = given.split('\n').findIndex((text) => text.includes(`'${want}'`)) + 1;
    await expect(
      bundleForRuntimes({ entry, clientEntry, outFile: join(TEST_OUTPUT, 'out.js') }),
    ).rejects.toThrow(
      `bundle for runtimes failed: ${relative(process.cwd(), entry)}:${line}: Could not resolve "${want}"`,
    );
  });

  it('bundled the smoke scenario and the built client into one file that imports nothing', () => {
    const code = readFileSync(inject('smoke').bundle, 'utf8');
    expect(code).not.toMatch(/\bimport\s*[\s{*'"(]|\brequire\s*\(/);
    expect(code).toMatch(/export\s*\{\s*runSmoke\s*\}/);
    // The client is the one built into test-output/client, with openapi-fetch from the client's dependencies.
    expect(code).toContain('client/dist/index.js');
    expect(code).toContain('openapi-fetch');
  });
});
