import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FoundChromium, findChromium, launchChromium } from '@replykit/test-support/chromium';
import { serveDirectory } from '@replykit/test-support/static-server';
import type { SmokeResult } from '../smoke.js';
import { firstLine, type Runtime } from './runtime.js';

/**
 * Chromium driven by playwright-core: the page comes from a static server on one 127.0.0.1 port and calls the
 * mock server on another, so every call is a real cross-origin request with a CORS preflight. Requests that
 * would leave the machine (see `launchChromium`) are aborted and fail the run, and so do uncaught page errors.
 */
let found: FoundChromium | undefined;

export const browser: Runtime = {
  name: 'browser',
  label: 'chromium (CHROMIUM_PATH, a system Chromium, or @sparticuz/chromium)',
  probe: () => {
    try {
      found = findChromium();
    } catch (error) {
      return { skip: firstLine(error) };
    }
    try {
      const out = execFileSync(found.executablePath, ['--version'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      return { version: `${out.trim()} at ${found.executablePath} (${found.source})` };
    } catch (error) {
      return { skip: `chromium: ${found.executablePath} --version failed: ${firstLine(error)}` };
    }
  },
  run: async (files, input) => {
    writeFileSync(join(files.dir, 'index.html'), '<!doctype html><title>replykit runtime smoke</title>\n');
    const server = await serveDirectory(files.dir);
    try {
      const chromium = await launchChromium({
        profileParent: join(files.dir, 'browser'),
        ...(found ? { browser: found } : {}),
      });
      try {
        const page = await chromium.context.newPage();
        await page.goto(`${server.url}/index.html`);
        // A string, not a function: vitest would rewrite a function's dynamic import() for Node.
        const json = await page.evaluate<string>(
          `import(${JSON.stringify(`${server.url}/smoke.js`)})` +
            `.then((smoke) => smoke.runSmoke(${JSON.stringify(input)}))` +
            '.then((result) => JSON.stringify(result))',
        );
        const { blocked, pageErrors } = chromium;
        if (blocked.length > 0) throw new Error(`chromium: requests left 127.0.0.1: ${blocked.join(', ')}`);
        if (pageErrors.length > 0) throw new Error(`chromium: page errors: ${pageErrors.join(' | ')}`);
        return JSON.parse(json) as SmokeResult;
      } finally {
        await chromium.close();
      }
    } finally {
      await server.close();
    }
  },
};
