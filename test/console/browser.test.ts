import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningConsole } from '../../console/server.js';
import { CHROMIUM_ARGS, chromiumExecutablePath } from '../../crawlers/chromium.js';
import { CHROMIUM, needs } from '../helpers/system-packages.js';
import { HOSTILE, IMG_PAYLOAD, PLANTED, SCRIPT_PAYLOAD } from './fixtures.js';
import { startSeededConsole } from './seed.js';

const chromiumNeeded = needs(CHROMIUM);

// The page in a real headless Chromium against the real server: what a monitoring officer would see.
describe.skipIf(chromiumNeeded.skip)(chromiumNeeded.title('console page in Chromium'), () => {
  let running: RunningConsole;
  let browser: Browser;
  let page: Page;
  let cleanup: () => Promise<void>;
  const dialogs: string[] = [];
  const requests: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    const seeded = await startSeededConsole();
    running = seeded.running;
    browser = await chromium.launch({ executablePath: chromiumExecutablePath(), args: CHROMIUM_ARGS });
    page = await browser.newPage({ timezoneId: 'UTC' });
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('request', (req) => requests.push(req.url()));
    page.on('pageerror', (err) => problems.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(msg.text());
    });
    // The built-in page has no login form: carry the officer's session cookie like a logged-in browser.
    const [name, value] = seeded.cookie.split('=') as [string, string];
    await page.context().addCookies([{ name, value, url: running.url }]);
    await page.goto(`${running.url}/`);
    await page.waitForSelector('#search-results > li');
    cleanup = async () => {
      await browser.close();
      await seeded.close();
    };
  });

  afterAll(async () => cleanup());

  it('lists all results newest first with badges, times in Asia/Shanghai and repost counts', async () => {
    expect(await page.locator('#search-status').textContent()).toBe('共找到 5 条信息');
    const items = page.locator('#search-results > li');
    expect(await items.count()).toBe(5);
    const planted = page.locator('#search-results > li[data-id="a1"]');
    expect(await planted.locator('.badge').textContent()).toBe('红');
    expect(await planted.locator('.badge').getAttribute('class')).toBe('badge red');
    expect(await planted.locator('.repost').textContent()).toBe('转载 2');
    // The browser runs in UTC; the page must still show Shanghai time.
    expect(await planted.locator('.meta').textContent()).toContain('发布时间：2026/11/22 09:30');
    expect(await planted.locator('.meta').textContent()).toContain('涉及单位：明州市住房和城乡建设局');
    const anchor = planted.locator('.hit-title a');
    expect(await anchor.getAttribute('href')).toBe(PLANTED.url);
    expect(await anchor.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await anchor.getAttribute('target')).toBe('_blank');
  });

  it('shows hostile crawled text as text and runs none of it', async () => {
    const hostile = page.locator('#search-results > li[data-id="a5"]');
    expect(await hostile.locator('.hit-title a').textContent()).toBe(HOSTILE.title);
    expect(await hostile.locator('.meta').textContent()).toContain(IMG_PAYLOAD);
    expect(await page.locator('#search-results script, #search-results img').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('searches a two-character term and renders the highlight marks', async () => {
    await page.fill('#q', '收费');
    await page.click('#search-form button[type="submit"]');
    await page.waitForFunction(() => document.querySelectorAll('#search-results > li').length === 2);
    expect(await page.locator('#search-results mark').first().textContent()).toBe('收费');
    await page.fill('#q', '整改不到位');
    await page.click('#search-form button[type="submit"]');
    await page.waitForFunction(() => document.querySelectorAll('#search-results > li').length === 1);
    const snippet = page.locator('#search-results .snippet').first();
    expect(await snippet.textContent()).toContain(SCRIPT_PAYLOAD);
    expect(await snippet.locator('mark').textContent()).toBe('整改不到位');
    expect(await page.locator('#search-results script, #search-results img').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('filters by level and expands the score explanation on click', async () => {
    await page.fill('#q', '');
    await page.selectOption('#search-form select[name="level"]', 'red');
    await page.waitForFunction(() => document.querySelectorAll('#search-results > li').length === 1);
    await page.click('#search-results > li[data-id="a1"] .snippet');
    await page.waitForSelector('#search-results .explain');
    const explain = page.locator('#search-results .explain');
    expect(await explain.textContent()).toContain('正文命中「吃拿卡要」(侵害群众利益) ×1+30 分');
    expect(await explain.textContent()).toContain('明州市委2026年第四轮巡察 · 进驻阶段 · 风险分 74');
    expect(await explain.textContent()).toContain('同一事件的其他报道（共 2 篇）');
  });

  it('shows tips with unit, team, status and an expandable explanation', async () => {
    await page.click('#tab-tips');
    await page.waitForFunction(() => document.querySelectorAll('#tips-results > li').length === 3);
    expect(await page.locator('#panel-search').isHidden()).toBe(true);
    const tip = page.locator('#tips-results > li[data-id="tip-a4"]');
    expect(await tip.textContent()).toContain('青石镇人民政府');
    expect(await tip.textContent()).toContain('第二巡察组');
    expect(await tip.textContent()).toContain('状态：已分办');
    expect(await tip.locator('.badge').textContent()).toBe('橙');
    await tip.locator('summary').click();
    expect(await tip.locator('.parts li').first().isVisible()).toBe(true);
    expect(await tip.locator('.parts').textContent()).toContain('+38 分');
    await page.selectOption('#tips-form select[name="unit"]', 'zjj');
    await page.waitForFunction(() => document.querySelectorAll('#tips-results > li').length === 2);
  });

  it('loaded nothing but its own origin and hit no script or CSP error', () => {
    expect(requests.length).toBeGreaterThan(3);
    expect(requests.filter((url) => !url.startsWith(`${running.url}/`))).toEqual([]);
    expect(problems).toEqual([]);
    expect(dialogs).toEqual([]);
  });
});
