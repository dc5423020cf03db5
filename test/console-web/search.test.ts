import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLANTED, REPOST } from '../console/fixtures.js';
import { CHROMIUM, needs } from '../helpers/system-packages.js';
import { type Harness, login, newPage, screenshot, startHarness } from './harness.js';

const chromiumNeeded = needs(CHROMIUM);

/** Pick an option of the AntD select whose placeholder is `placeholder`. */
async function choose(page: Page, placeholder: string, option: string): Promise<void> {
  await page.locator('.search-filters .ant-select').filter({ hasText: placeholder }).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
    .first()
    .click();
}

// Login, logout, search with highlights, filters, saved searches and the Excel export, in Chromium.
describe.skipIf(chromiumNeeded.skip)(chromiumNeeded.title('console SPA: login and search'), () => {
  let harness: Harness;
  let page: Page;
  let base: string;
  const requests: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    harness = await startHarness();
    base = harness.console.url;
    page = await newPage(harness);
    page.on('request', (req) => requests.push(req.url()));
    page.on('pageerror', (err) => problems.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(msg.text());
    });
  });

  afterAll(async () => harness?.close());

  it('shows the login page, rejects a wrong password and signs in', async () => {
    await page.goto(`${base}/search`);
    await page.locator('#login-username').waitFor();
    await screenshot(page, '01-login');
    await page.locator('#login-username').fill('jianceyuan');
    await page.locator('#login-password').fill('wrong-password-1');
    await page.locator('.login-card button[type="submit"]').click();
    await page.locator('.login-error').waitFor();
    expect(await page.getByTestId('user-menu').count()).toBe(0);
    await login(page, base, 'jianceyuan');
    expect(await page.getByTestId('user-menu').textContent()).toContain('jianceyuan');
    // Officers have no round setup or audit log in the menu.
    expect(await page.locator('.app-menu').textContent()).not.toContain('审计日志');
  });

  it('searches a two-character Chinese term and highlights it in the results', async () => {
    await page.locator('#search-q').fill('收费');
    await page.locator('#search-q').press('Enter');
    await page.waitForURL(/q=%E6%94%B6%E8%B4%B9/);
    // The planted post and its repost are one story: one entry, the other copy folded under it.
    const story = page.locator(`.search-hit[data-cluster="${PLANTED.id}"]`);
    await story.waitFor();
    expect(await story.count()).toBe(1);
    expect(await story.locator('.spread-tag').textContent()).toBe('传播 2');
    const shown = await story.locator('.hit-title').textContent();
    expect([PLANTED.title, REPOST.title]).toContain(shown);
    const marks = await page.locator('.search-hit mark').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    expect(new Set(marks)).toEqual(new Set(['收费']));
    await story.getByTestId('toggle-copies').click();
    const other = shown === PLANTED.title ? REPOST.title : PLANTED.title;
    await story.locator('.story-copies li', { hasText: other }).waitFor();
    await screenshot(page, '02-search-results');
  });

  it('understands exclusions in the query box and shows the parsed query', async () => {
    await page.locator('#search-q').fill('收费 -吃拿卡要');
    await page.locator('#search-q').press('Enter');
    await page.getByTestId('parsed-query').filter({ hasText: '排除 吃拿卡要' }).waitFor();
    const story = page.locator(`.search-hit[data-cluster="${PLANTED.id}"]`);
    await story.waitFor();
    // The planted post says 吃拿卡要; its repost does not, so the story is represented by the repost only.
    expect(await story.getAttribute('data-id')).toBe(REPOST.id);
    await page.locator('#search-q').fill('收费');
    await page.locator('#search-q').press('Enter');
    await page.getByTestId('parsed-query').filter({ hasNotText: '排除' }).waitFor();
  });

  it('filters by unit and level', async () => {
    await choose(page, '被巡察单位', '明州市住房和城乡建设局');
    await choose(page, '等级', '红');
    await page.getByTestId('search-submit').click();
    await page.waitForURL(/level=red/);
    expect(page.url()).toContain('unit=zjj');
    await page.waitForFunction(() => document.querySelectorAll('.search-hit').length === 1);
    expect(await page.locator('.search-hit').getAttribute('data-id')).toBe(PLANTED.id);
    expect(await page.locator('.search-hit .level-tag').getAttribute('data-level')).toBe('red');
    expect(await page.getByTestId('search-total').textContent()).toContain('共 1 条');
    await screenshot(page, '03-search-filtered');
  });

  it('saves the search for the user and applies it again', async () => {
    await page.getByRole('button', { name: /保存检索/ }).click();
    await page.locator('.ant-modal input').fill('住建局红色');
    await page.locator('.ant-modal .ant-btn-primary').click();
    await page.getByRole('button', { name: '我的检索（1）' }).waitFor();
    await page.goto(`${base}/search`);
    await page.getByRole('button', { name: '我的检索（1）' }).hover();
    await page.getByTestId('saved-search-name').filter({ hasText: '住建局红色' }).click();
    await page.waitForURL(/level=red/);
    expect(page.url()).toContain('unit=zjj');
    expect(page.url()).toContain('q=');
  });

  it('exports the result to Excel', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-excel').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^search-\d{8}-\d{4}\.xlsx$/);
    const path = await download.path();
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.getWorksheet('检索结果');
    expect(sheet).toBeDefined();
    const titles = sheet?.getColumn(1).values.map(String) ?? [];
    expect(titles).toContain(PLANTED.title);
  });

  it('logs out through the user menu and the session is gone', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByText('退出登录').click();
    await page.locator('#login-username').waitFor();
    const me = await page.request.get(`${base}/api/auth/me`);
    expect(me.status()).toBe(401);
    await page.goto(`${base}/tips`);
    await page.locator('#login-username').waitFor();
  });

  it('loaded nothing but its own origin and hit no script or CSP error on the way', () => {
    expect(requests.length).toBeGreaterThan(0);
    const foreign = requests.filter((url) => !url.startsWith(`${base}/`) && !url.startsWith('data:'));
    expect(foreign).toEqual([]);
    // The wrong-password attempt answers 401, which Chromium reports as a failed resource load; nothing else.
    expect(problems.filter((p) => !/status of 401/.test(p))).toEqual([]);
  });
});
