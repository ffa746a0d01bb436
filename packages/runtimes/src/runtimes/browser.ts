import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium as playwright } from 'playwright-core';
import type { SmokeResult } from '../smoke.js';
import { firstLine, type Runtime, type SmokeFiles } from './runtime.js';

/** Debian's chromium (`.ci/run` installs it with apt); never a downloaded browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless and sandbox-free for containers, with none of the browser's own background traffic. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Chromium driven by playwright-core: the page comes from a static server on one 127.0.0.1 port and calls the
 * mock server on another, so every call is a real cross-origin request with a CORS preflight. Requests to
 * anything but 127.0.0.1 are aborted and fail the run, and so do uncaught page errors.
 */
export const browser: Runtime = {
  name: 'browser',
  label: `chromium at ${CHROMIUM_PATH}`,
  probe: () => {
    if (!existsSync(CHROMIUM_PATH)) {
      return {
        skip: `chromium: no browser at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`,
      };
    }
    try {
      const out = execFileSync(CHROMIUM_PATH, ['--version'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      return { version: out.trim() };
    } catch (error) {
      return { skip: `chromium: ${CHROMIUM_PATH} --version failed: ${firstLine(error)}` };
    }
  },
  run: async (files, input) => {
    writeFileSync(join(files.dir, 'index.html'), '<!doctype html><title>replykit runtime smoke</title>\n');
    const server = await serve(files.dir);
    mkdirSync(join(files.dir, 'browser'), { recursive: true });
    const profile = mkdtempSync(join(files.dir, 'browser', 'chromium-profile-'));
    const context = await playwright.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_FLAGS,
      serviceWorkers: 'block',
    });
    const blocked: string[] = [];
    const pageErrors: string[] = [];
    try {
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (isLocal(url)) return route.continue();
        blocked.push(url);
        return route.abort('blockedbyclient');
      });
      context.on('weberror', (error) => pageErrors.push(error.error().message));
      const page = await context.newPage();
      await page.goto(`${server.url}/index.html`);
      // A string, not a function: vitest would rewrite a function's dynamic import() for Node.
      const json = await page.evaluate<string>(
        `import(${JSON.stringify(`${server.url}/smoke.js`)})` +
          `.then((smoke) => smoke.runSmoke(${JSON.stringify(input)}))` +
          '.then((result) => JSON.stringify(result))',
      );
      if (blocked.length > 0) throw new Error(`chromium: requests left 127.0.0.1: ${blocked.join(', ')}`);
      if (pageErrors.length > 0) throw new Error(`chromium: page errors: ${pageErrors.join(' | ')}`);
      return JSON.parse(json) as SmokeResult;
    } finally {
      await context.close();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    }
  },
};

/** Whether a URL stays on this machine. */
function isLocal(url: string): boolean {
  try {
    return new URL(url).hostname === '127.0.0.1';
  } catch {
    return false;
  }
}

/** Serves the smoke folder's `index.html` and `smoke.js` on 127.0.0.1. */
async function serve(dir: SmokeFiles['dir']): Promise<{ url: string; close(): Promise<void> }> {
  const types: Record<string, string> = { '/index.html': 'text/html', '/smoke.js': 'text/javascript' };
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const type = types[path];
    if (!type) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': `${type}; charset=utf-8` });
    response.end(readFileSync(join(dir, path)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
