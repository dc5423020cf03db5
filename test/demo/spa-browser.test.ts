import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, chromiumExecutablePath } from '../../crawlers/chromium.js';
import { findItem, itemsOf, SPA_ITEM } from '../../demo/content/index.js';
import { type DemoSite, startDemoSite } from '../../demo/site.js';
import { CHROMIUM as CHROMIUM_PACKAGE, needs } from '../helpers/system-packages.js';

const CHROMIUM = chromiumExecutablePath();
const chromiumNeeded = needs(CHROMIUM_PACKAGE);

let site: DemoSite;
beforeAll(async () => {
  site = await startDemoSite({ port: 0 });
});
afterAll(async () => {
  await site.close();
});

describe.skipIf(chromiumNeeded.skip)(chromiumNeeded.title('demo SPA in a real browser'), () => {
  it('creates the list links and the message text with its inline script', async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      await page.goto(`${site.url}/spa/`);
      const links = await page.$$eval('ul#list li a', (as) => as.map((a) => a.getAttribute('href')));
      expect(links).toEqual(itemsOf('spa').map((i) => i.path));

      await page.goto(`${site.url}${SPA_ITEM.path}`);
      expect(await page.textContent('h1#title')).toBe(SPA_ITEM.title);
      expect(await page.title()).toContain(SPA_ITEM.title);
      const paragraphs = await page.$$eval('#content p', (ps) => ps.map((p) => p.textContent));
      expect(paragraphs).toEqual(findItem(SPA_ITEM.path)?.paragraphs);
    } finally {
      await browser.close();
    }
  });
});
