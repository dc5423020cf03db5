// The 整改台账 screens in a real Chromium: an admin adds a problem to a unit's 问题清单 and opens its page; an
// officer sees the list but no edit buttons.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, needs } from '../helpers/system-packages.js';
import { type Harness, login, newPage, screenshot, startHarness } from './harness.js';

const chromiumNeeded = needs(CHROMIUM);

describe.skipIf(chromiumNeeded.skip)(chromiumNeeded.title('console SPA: rectification ledger'), () => {
  let harness: Harness;
  let base: string;
  let admin: Page;

  beforeAll(async () => {
    harness = await startHarness();
    base = harness.console.url;
    admin = await newPage(harness);
    await login(admin, base, 'admin');
  });

  afterAll(async () => harness?.close());

  it('adds a problem to a unit and shows it on the problem page', async () => {
    await admin.goto(`${base}/ledger?round=2026-r4&unit=zjj`);
    await admin.getByTestId('ledger-page').waitFor();
    await admin.getByRole('button', { name: '新增问题' }).click();
    const dialog = admin.locator('.ant-modal');
    await dialog.getByLabel('问题编号').fill('ZJJ-01');
    await dialog.getByLabel('问题', { exact: true }).fill('老旧小区改造工程质量监管不力');
    await dialog.getByLabel('关键词（用；分隔）').fill('外墙渗水；偷工减料');
    await dialog.getByLabel('反馈日期').fill('2027-03-05');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    const row = admin.locator('.ant-table-row', { hasText: 'ZJJ-01' });
    await row.waitFor();
    expect(await row.textContent()).toContain('整改中');
    await screenshot(admin, 'ledger-list');
    await row.getByRole('link', { name: 'ZJJ-01' }).click();
    await admin.waitForURL(/\/ledger\/2026-r4\/ZJJ-01$/);
    const page = admin.getByTestId('problem-page');
    await page.getByText('暂无关联舆情。').waitFor();
    expect(await page.textContent()).toContain('偷工减料');
    await screenshot(admin, 'ledger-problem');
  }, 120_000);

  it('shows the list to an officer without edit controls', async () => {
    const officer = await newPage(harness);
    await login(officer, base, 'jianceyuan');
    await officer.goto(`${base}/ledger?round=2026-r4&unit=zjj`);
    await officer.locator('.ant-table-row', { hasText: 'ZJJ-01' }).waitFor();
    expect(await officer.getByRole('button', { name: '新增问题' }).count()).toBe(0);
    expect(await officer.getByRole('button', { name: '修改' }).count()).toBe(0);
  }, 60_000);
});
