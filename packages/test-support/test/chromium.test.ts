import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLocal, launchChromium } from '../src/chromium.js';
import { type StaticServer, serveDirectory } from '../src/static-server.js';

const OUTPUT = join(import.meta.dirname, '..', 'test-output', 'chromium');
const SITE = join(OUTPUT, 'site');
const PROFILES = join(OUTPUT, 'profiles');

// A page that loads a local module, tries to leave the machine and throws: everything the recorder must see.
const PAGE = `<!doctype html><title>chromium test</title>
<script type="module">
  import { answer } from './answer.js';
  document.title = 'answer ' + answer;
  fetch('http://example.invalid/leak').catch(() => {});
  setTimeout(() => { throw new Error('boom from the page'); });
</script>`;

describe('isLocal', () => {
  it.each<[string, { given: string; want: boolean }]>([
    ['127.0.0.1 with a port', { given: 'http://127.0.0.1:4321/index.html', want: true }],
    ['a data: URL', { given: 'data:text/plain,hi', want: true }],
    ['a blob: URL', { given: 'blob:http://127.0.0.1:4321/0b2c', want: true }],
    ['localhost (may resolve off 127.0.0.1)', { given: 'http://localhost:4321/', want: false }],
    ['another host', { given: 'https://example.com/', want: false }],
    ['a host starting with 127.0.0.1', { given: 'http://127.0.0.1.example.com/', want: false }],
    ['not a URL', { given: 'not a url', want: false }],
  ])('%s', (_name, { given, want }) => {
    expect(isLocal(given)).toBe(want);
  });
});

describe('launchChromium', () => {
  let server: StaticServer;

  beforeAll(async () => {
    rmSync(OUTPUT, { recursive: true, force: true });
    mkdirSync(SITE, { recursive: true });
    writeFileSync(join(SITE, 'index.html'), PAGE);
    writeFileSync(join(SITE, 'answer.js'), 'export const answer = 42;\n');
    server = await serveDirectory(SITE);
  });

  afterAll(async () => {
    await server?.close();
  });

  it('fails with one line naming a missing browser and how to get one', async () => {
    const missing = join(OUTPUT, 'no-such-chromium');
    await expect(launchChromium({ profileParent: PROFILES, executablePath: missing })).rejects.toThrow(
      `chromium: no browser at ${missing} (set CHROMIUM_PATH, or unset it to search)`,
    );
  });

  it('records every request, aborts the ones that leave 127.0.0.1, collects page errors, cleans up', async () => {
    const chromium = await launchChromium({ profileParent: PROFILES, viewport: { width: 800, height: 600 } });
    const profiles = readdirSync(PROFILES);
    try {
      expect(profiles).toHaveLength(1);
      const page = await chromium.context.newPage();
      await page.goto(`${server.url}/index.html`);
      await page.waitForFunction(() => document.title === 'answer 42');
      await expect.poll(() => chromium.pageErrors).toEqual(['boom from the page']);
      await expect.poll(() => chromium.blocked).toEqual(['http://example.invalid/leak']);
      expect(chromium.requests).toEqual([
        `${server.url}/index.html`,
        `${server.url}/answer.js`,
        'http://example.invalid/leak',
      ]);
      expect(page.viewportSize()).toEqual({ width: 800, height: 600 });
    } finally {
      await chromium.close();
    }
    expect(existsSync(join(PROFILES, profiles[0] ?? 'missing'))).toBe(false);
  });
});
