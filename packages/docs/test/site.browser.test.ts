import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { listOperations, type OpenApiDocument } from '../src/openapi.js';
import { isLocal, launchRecordedBrowser, type RecordedBrowser } from './helpers/browser.js';
import { curatedSpecPath, SITE_DIR, TEST_OUTPUT } from './helpers/paths.js';
import { type StaticServer, serveDirectory } from './helpers/static-server.js';

const spec = parse(readFileSync(curatedSpecPath(), 'utf8')) as OpenApiDocument;
const operations = listOperations(spec);
const MENU_ITEM = '[data-component-name="Menu/MenuItem"]';

let server: StaticServer;
let browser: RecordedBrowser;
let page: Page;

beforeAll(async () => {
  server = await serveDirectory(SITE_DIR);
  browser = await launchRecordedBrowser();
  page = await browser.context.newPage();
  await page.goto(`${server.url}/`, { waitUntil: 'load' });
  // Hydrated once the search box stops saying "Loading...".
  await page.waitForFunction(() => {
    const search = document.querySelector('[data-testid=search-trigger]');
    return search !== null && !search.textContent?.includes('Loading');
  });
  mkdirSync(TEST_OUTPUT, { recursive: true });
  await page.screenshot({ path: join(TEST_OUTPUT, 'docs-introduction.png') });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * The operation entries of the sidebar (summary → link) after every tag group was opened. Runs in the page:
 * one round trip instead of one per group keeps the test fast.
 */
let sidebar: Map<string, string> | undefined;
async function sidebarOperations(): Promise<Map<string, string>> {
  if (sidebar) return sidebar;
  const entries = await page.evaluate(async (menuItem) => {
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const found: [string, string][] = [];
    for (const group of document.querySelectorAll(`${menuItem}.menu-item-type-group`)) {
      const operationsOf = () => group.querySelectorAll(`${menuItem}.menu-item-type-operation`);
      if (operationsOf().length === 0) {
        const chevron = group.querySelector(':scope > a [data-component-name*="Chevron"]');
        chevron?.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
        for (let i = 0; i < 150 && operationsOf().length === 0; i++) await sleep(20);
      }
      for (const item of operationsOf()) {
        const label = item.querySelector('[data-text]')?.getAttribute('data-text') ?? '';
        found.push([label, item.querySelector('a')?.getAttribute('href') ?? '']);
      }
    }
    return found;
  }, MENU_ITEM);
  sidebar = new Map(entries);
  return sidebar;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('the built reference in chromium', () => {
  it('lists every operation of the spec by its summary in the sidebar', async () => {
    const listed = await sidebarOperations();
    const missing = operations
      .map((o) => o.operation.summary)
      .filter((summary) => !listed.has(summary ?? ''));
    expect(missing).toEqual([]);
    expect(listed.size).toBe(operations.length);
  });

  it('renders every operation with its summary as heading and a TypeScript sample of its call', async () => {
    const listed = await sidebarOperations();
    const expected = operations.map(({ operation, method, path }) => ({
      summary: operation.summary ?? '',
      href: listed.get(operation.summary ?? '') ?? '',
      call: `.${method.toUpperCase()}('${path}'`,
    }));
    // Follows each operation's link in the page and waits (up to 8 s each) for its heading and sample.
    const failures = await page.evaluate(async (expected) => {
      const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      const shown = ({ summary, call }: { summary: string; call: string }) => {
        const heading = [...document.querySelectorAll('h2')].some((h) => h.textContent?.trim() === summary);
        // The sample panel of this call, with the TypeScript tab active (the introduction has bare snippets).
        const sample = [...document.querySelectorAll('pre')].some(
          (pre) =>
            pre.textContent?.includes(call) &&
            pre.closest('[data-component-name="Panel/Panel"]')?.textContent?.includes('TypeScript'),
        );
        return heading && sample;
      };
      const failed: string[] = [];
      for (const operation of expected) {
        window.location.hash = operation.href;
        let ok = shown(operation);
        for (let i = 0; i < 400 && !ok; i++) {
          await sleep(20);
          ok = shown(operation);
        }
        if (!ok) failed.push(`${operation.summary} (${operation.call.slice(1)} at ${operation.href})`);
      }
      return failed;
    }, expected);
    expect(failures).toEqual([]);
  });

  it("switches a team operation's sample between TypeScript, TypeScript (actAs) and curl", async () => {
    const docsSpec = JSON.parse(readFileSync(join(SITE_DIR, 'openapi.json'), 'utf8')) as OpenApiDocument;
    const target = listOperations(docsSpec).find((o) => (o.operation['x-codeSamples'] ?? []).length === 3);
    if (!target) throw new Error('no operation with an actAs sample');
    const listed = await sidebarOperations();
    await page.evaluate(
      (href) => {
        window.location.hash = href;
      },
      listed.get(target.operation.summary ?? '') ?? '',
    );
    const call = `.${target.method.toUpperCase()}('${target.path}'`;
    const samplePanel = page
      .locator('[data-component-name="Panel/Panel"]', {
        has: page.locator('pre', { hasText: `reply${call}` }),
      })
      .first();
    await samplePanel.waitFor();
    // Pin the panel: once the language changes, its text no longer matches the locator above.
    await samplePanel.evaluate((element) => element.setAttribute('data-test-sample-panel', ''));
    const panel = page.locator('[data-test-sample-panel]');
    // The panel's second dropdown picks the language (the first one the server).
    const languages = panel.locator('[data-component-name="Dropdown/Dropdown"]').last();
    const samples = target.operation['x-codeSamples'] ?? [];
    for (const label of ['TypeScript (actAs)', 'curl', 'TypeScript']) {
      await languages.click();
      await page
        .locator('[data-component-name="Dropdown/DropdownMenuItem"]', {
          hasText: new RegExp(`^${escapeRegExp(label)}$`),
        })
        .click();
      const firstCallLine =
        (samples.find((s) => s.label === label)?.source ?? '')
          .split('\n')
          .find((line) => line.includes(call) || line.startsWith('curl')) ?? '';
      await expect
        .poll(() => panel.locator('pre', { hasText: firstCallLine.trim() }).count())
        .toBeGreaterThan(0);
    }
  });

  it('finds an operation by name with the search box', async () => {
    const target = operations.find((o) => o.path.includes('pushtocampaign')) ?? operations[0];
    const summary = target?.operation.summary ?? '';
    await page.locator('[data-testid=search-trigger]').click();
    await page.keyboard.type(summary);
    const result = page.locator('[data-component-name="Search/SearchItem"]', { hasText: summary });
    await expect.poll(() => result.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await result.first().click();
    await expect
      .poll(() => page.locator('h2', { hasText: summary }).count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await page.waitForTimeout(1_000); // let the sidebar finish scrolling to the entry
    await page.screenshot({ path: join(TEST_OUTPUT, 'docs-operation.png') });
  });

  it('saved screenshots of the introduction and of an operation', () => {
    for (const name of ['docs-introduction.png', 'docs-operation.png']) {
      const png = readFileSync(join(TEST_OUTPUT, name));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.length).toBeGreaterThan(20_000);
    }
  });

  it('made no request that would leave the machine and threw no script error', () => {
    expect(browser.requests.length).toBeGreaterThan(0);
    expect(browser.requests.filter((url) => !isLocal(url))).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});
