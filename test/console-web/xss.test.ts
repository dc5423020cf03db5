import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, needs } from '../helpers/system-packages.js';
import { type Harness, login, newPage, screenshot, startHarness } from './harness.js';
import { XSS_ARTICLE, XSS_TIP, XSS_TITLE } from './web-fixtures.js';

const chromiumNeeded = needs(CHROMIUM);

// Crawled titles, bodies, source names and the evidence page carry <script>, <img onerror>, <svg onload>,
// javascript: links and <iframe>s. Each payload would set window.__pwned and call the exposed reportPwned
// binding (which Playwright installs in every frame); neither may ever happen on any screen.
describe.skipIf(chromiumNeeded.skip)(
  chromiumNeeded.title('console SPA: hostile crawled content never runs'),
  () => {
    let harness: Harness;
    let page: Page;
    let base: string;
    const fired: unknown[] = [];
    const dialogs: string[] = [];

    beforeAll(async () => {
      harness = await startHarness();
      base = harness.console.url;
      page = await newPage(harness);
      await page.context().exposeBinding('reportPwned', (_source, marker: unknown) => {
        fired.push(marker);
      });
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await login(page, base, 'admin');
    });

    afterAll(async () => harness?.close());

    async function assertClean(where: string): Promise<void> {
      // Give onerror/onload handlers a chance to fire had they been attached.
      await page.waitForTimeout(400);
      for (const frame of page.frames()) {
        const pwned = await frame
          .evaluate(() => (window as { __pwned?: unknown }).__pwned)
          .catch(() => undefined);
        expect(pwned, `${where}: window.__pwned in ${frame.url()}`).toBeUndefined();
      }
      expect(fired, where).toEqual([]);
      expect(dialogs, where).toEqual([]);
      // No planted element exists in the console document (the only frame allowed is the sandboxed evidence one).
      const planted = await page.evaluate(() => ({
        images: document.querySelectorAll('img[src="x"], img[onerror]').length,
        svgs: document.querySelectorAll('svg[onload]').length,
        scripts: [...document.querySelectorAll('script')].filter((s) => !s.src).length,
        jsLinks: document.querySelectorAll('a[href^="javascript:" i]').length,
        frames: [...document.querySelectorAll('iframe')].filter((f) => f.getAttribute('sandbox') !== '')
          .length,
      }));
      expect(planted, where).toEqual({ images: 0, svgs: 0, scripts: 0, jsLinks: 0, frames: 0 });
    }

    it('the detector works: a call of the binding from the page is seen', async () => {
      await page.evaluate(() =>
        (window as unknown as { reportPwned: (n: number) => Promise<void> }).reportPwned(0),
      );
      expect(fired).toEqual([0]);
      fired.length = 0;
    });

    it('search: hostile titles and snippets are text', async () => {
      await page.goto(`${base}/search?q=${encodeURIComponent('违规收费')}`);
      const hit = page.locator(`.search-hit[data-id="${XSS_ARTICLE.id}"]`);
      await hit.waitFor();
      expect(await hit.locator('.hit-title').textContent()).toBe(XSS_TITLE);
      await screenshot(page, '11-xss-search');
      await assertClean('search');
      await page.goto(`${base}/search`);
      await page.locator('.search-hit').first().waitFor();
      await assertClean('search without query');
    });

    it('detail: title, body, source and the evidence frame run nothing', async () => {
      await page.goto(`${base}/articles/${XSS_ARTICLE.id}?q=${encodeURIComponent('收费')}`);
      await page.getByTestId('article-body').waitFor();
      expect(await page.getByTestId('article-body').textContent()).toContain('<script>');
      expect(await page.getByTestId('article-body').textContent()).toContain('javascript:');
      const frame = page.getByTestId('evidence-frame');
      await frame.waitFor();
      expect(await frame.getAttribute('sandbox')).toBe('');
      // The frame did load the page (as inert HTML).
      await page.frameLocator('[data-testid="evidence-frame"]').locator('h1').waitFor();
      await page
        .frameLocator('[data-testid="evidence-frame"]')
        .locator('#jslink')
        .click()
        .catch(() => undefined);
      // The javascript: URL of the item (原文, 最终地址) is shown as inert text, not as a link.
      expect(await page.locator('.unsafe-url').count()).toBeGreaterThanOrEqual(2);
      await page.locator('.unsafe-url').first().click();
      await screenshot(page, '12-xss-detail');
      await assertClean('detail');
    });

    it('tips board and drawer show the hostile tip as text', async () => {
      await page.goto(`${base}/tips?tip=${XSS_TIP.id}`);
      await page.getByTestId('tip-drawer').waitFor();
      expect(await page.getByTestId('tip-drawer').textContent()).toContain('<script>');
      await assertClean('tips');
    });

    it('dashboard renders with hostile terms and sources', async () => {
      await page.goto(`${base}/dashboard?round=2026-r4&from=2026-11-01&to=2026-11-30`);
      await page.getByTestId('unit-card').first().waitFor();
      await page.getByTestId('chart-trend').locator('canvas').waitFor();
      await assertClean('dashboard');
    });
  },
);
