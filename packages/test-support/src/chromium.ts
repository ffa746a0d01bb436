import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Debian's chromium (`.ci/run` installs it with apt); the tests never download a browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

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
  /** Defaults to `CHROMIUM_PATH`. */
  executablePath?: string;
}

export interface LocalChromium {
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
  const executablePath = options.executablePath ?? CHROMIUM_PATH;
  if (!existsSync(executablePath)) {
    throw new Error(
      `chromium: no browser at ${executablePath} (apt-get install chromium, or set CHROMIUM_PATH)`,
    );
  }
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
