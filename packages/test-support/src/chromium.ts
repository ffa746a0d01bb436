import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { type FoundChromium, findChromium } from './find-chromium.js';

export {
  type ChromiumSource,
  FORCE_PACKAGED_VARIABLE,
  type FoundChromium,
  findChromium,
} from './find-chromium.js';

/** Headless, sandbox-free for containers, and quiet: no background, update, sync or QUIC traffic of its own. */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export interface LaunchOptions {
  /** The folder the fresh profile is made in (created if missing); the profile is removed on `close()`. */
  profileParent: string;
  viewport?: { width: number; height: number };
  /** A browser path to use as it is (reported as `CHROMIUM_PATH`). */
  executablePath?: string;
  /** A browser already found; defaults to `findChromium()`. */
  browser?: FoundChromium;
}

export interface LocalChromium {
  /** The browser that runs, and where it came from. */
  browser: FoundChromium;
  context: BrowserContext;
  /** Every URL the pages of this context requested, in order, including the blocked ones. */
  requests: string[];
  /** The requested URLs that were not local (see `isLocal`) and so were aborted. */
  blocked: string[];
  /** Uncaught errors of the pages' scripts. */
  pageErrors: string[];
  /** Closes the browser and removes its profile. */
  close(): Promise<void>;
}

/**
 * Launches chromium with a new, empty profile and service workers blocked, and records every request of every
 * page; a request to anything but 127.0.0.1, data: or blob: is recorded and aborted, so it can neither leave
 * the machine nor go unnoticed.
 */
export async function launchChromium(options: LaunchOptions): Promise<LocalChromium> {
  const browser: FoundChromium =
    options.browser ??
    (options.executablePath
      ? { executablePath: options.executablePath, source: 'CHROMIUM_PATH' }
      : findChromium());
  const { executablePath } = browser;
  if (!existsSync(executablePath)) {
    throw new Error(`chromium: no browser at ${executablePath} (set CHROMIUM_PATH, or unset it to search)`);
  }
  console.info(`chromium: ${executablePath} (${browser.source})`);
  mkdirSync(options.profileParent, { recursive: true });
  const profile = mkdtempSync(join(options.profileParent, 'chromium-profile-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: [...CHROMIUM_FLAGS],
      serviceWorkers: 'block',
      ...(options.viewport ? { viewport: options.viewport } : {}),
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  const requests: string[] = [];
  const blocked: string[] = [];
  const pageErrors: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  context.on('weberror', (error) => pageErrors.push(error.error().message));
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  return {
    browser,
    context,
    requests,
    blocked,
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
