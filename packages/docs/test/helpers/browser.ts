import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { TEST_OUTPUT } from './paths.js';

/** Debian's chromium (installed by `.ci/run`); the tests never download a browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless, sandbox-free for containers, and quiet: no background, update, sync or QUIC traffic of its own. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export interface RecordedBrowser {
  context: BrowserContext;
  /** Every URL the pages of this context requested, in order (including ones the test blocked). */
  requests: string[];
  /** Uncaught errors of the pages' scripts. */
  pageErrors: string[];
  close(): Promise<void>;
}

/**
 * Launches chromium with a new, empty profile and records every request of every page; a request to
 * anything but 127.0.0.1, data: or blob: is recorded and aborted, so it can neither leave the machine nor
 * go unnoticed.
 */
export async function launchRecordedBrowser(): Promise<RecordedBrowser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `docs browser test: no chromium at ${CHROMIUM_PATH}; install it with apt-get install chromium`,
    );
  }
  const profile = mkdtempSync(join(TEST_OUTPUT, 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1440, height: 1000 },
    serviceWorkers: 'block',
  });
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  const pageErrors: string[] = [];
  context.on('weberror', (error) => pageErrors.push(error.error().message));
  await context.route('**/*', (route) =>
    isLocal(route.request().url()) ? route.continue() : route.abort('blockedbyclient'),
  );
  return {
    context,
    requests,
    pageErrors,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Whether a URL stays on this machine: 127.0.0.1, or data: and blob: URLs that never touch the network. */
export function isLocal(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  try {
    return new URL(url).hostname === '127.0.0.1';
  } catch {
    return false;
  }
}
