import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEUTRAL, PLANTED, REPOST, TOWNSHIP } from '../console/fixtures.js';
import { CHROMIUM, needs } from '../helpers/system-packages.js';
import { type Harness, login, newPage, screenshot, startHarness } from './harness.js';
import { PLANTED_EVIDENCE_HTML } from './web-fixtures.js';

const chromiumNeeded = needs(CHROMIUM);

/** Open the tip of the given article from the board and wait for its drawer. */
async function openTip(page: Page, title: string): Promise<void> {
  await page.locator('.ant-table-row', { hasText: title }).click();
  await page.getByTestId('tip-drawer').waitFor();
}

/** Pick a date in the open AntD date picker by typing it. */
async function typeDate(page: Page, selector: string, date: string): Promise<void> {
  await page.locator(selector).click();
  await page.locator(selector).fill(date);
  // Tab (not Enter, which would submit the form) commits the typed date and closes the panel.
  await page.locator(selector).press('Tab');
}

/** A date `days` from today in the round's zone, as the date picker takes it (the form refuses past days). */
function daysAhead(days: number): string {
  return DateTime.now().setZone('Asia/Shanghai').plus({ days }).toFormat('yyyy-MM-dd');
}

// Item detail (explanation, copies, evidence, make tip) and the tips board (assign, close, overdue, history).
describe.skipIf(chromiumNeeded.skip)(chromiumNeeded.title('console SPA: detail and tips'), () => {
  let harness: Harness;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    harness = await startHarness();
    base = harness.console.url;
    page = await newPage(harness);
    await login(page, base, 'jianceyuan');
  });

  afterAll(async () => harness?.close());

  it('opens an item from the search and shows its explanation, copies and evidence', async () => {
    await page.goto(`${base}/search?q=${encodeURIComponent('收费')}&sort=score`);
    await page.locator(`.search-hit[data-id="${PLANTED.id}"] .hit-title`).click();
    await page.waitForURL(/\/articles\/a1/);
    await page.getByTestId('article-body').waitFor();
    expect(await page.getByTestId('article-title').textContent()).toBe(PLANTED.title);
    expect(await page.locator('[data-testid="article-body"] mark').first().textContent()).toBe('收费');
    const score = page.getByTestId('score-card');
    expect(await score.textContent()).toContain('正文命中「吃拿卡要」(侵害群众利益) ×1');
    expect(await score.getByTestId('assessment-score').textContent()).toBe('74 分');
    expect(await score.textContent()).toContain('明州市住房和城乡建设局');
    expect(await score.textContent()).toContain('进驻');
    expect(
      await page.locator('.ant-card', { hasText: '同一事件的其他报道（传播 2）' }).textContent(),
    ).toContain(REPOST.title);
    const sha = createHash('sha256').update(PLANTED_EVIDENCE_HTML).digest('hex');
    expect(await page.getByTestId('evidence-sha256').textContent()).toBe(sha);
    const frame = page.getByTestId('evidence-frame');
    expect(await frame.getAttribute('sandbox')).toBe('');
    expect(await page.frameLocator('[data-testid="evidence-frame"]').locator('h1').textContent()).toBe(
      PLANTED.title,
    );
    await screenshot(page, '04-detail');
  });

  it('makes a tip from an item that has none', async () => {
    await page.goto(`${base}/articles/${NEUTRAL.id}`);
    await page.getByRole('button', { name: '生成线索' }).click();
    await page.locator('.ant-modal .ant-select').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await page.locator('.ant-modal textarea').fill('需核实');
    await page.locator('.ant-modal .ant-btn-primary').click();
    await page.getByTestId('detail-tip').waitFor();
    expect(await page.getByTestId('detail-tip').textContent()).toContain('待研判');
  });

  it('assigns a tip to a team and person with a due date, handles and closes it', async () => {
    await page.goto(`${base}/tips`);
    await openTip(page, PLANTED.title);
    await page.getByTestId('tip-action-assign').click();
    await page.locator('#assign-assignee').fill('李四');
    await typeDate(page, '#assign-due', daysAhead(30));
    await page.getByTestId('tip-action-submit').click();
    await page.locator('[data-testid="tip-drawer"][data-status="assigned"]').waitFor();
    expect(await page.getByTestId('tip-status').textContent()).toBe('已分办');
    expect(await page.getByTestId('tip-drawer').textContent()).toContain('李四');
    await page.locator('#tip-note').fill('已电话联系');
    await page
      .getByRole('button', { name: '添 加' })
      .or(page.getByRole('button', { name: '添加' }))
      .click();
    await page.locator('.tip-note', { hasText: '已电话联系' }).waitFor();
    await screenshot(page, '05-tip-assigned');
    await page.getByTestId('tip-action-start').click();
    await page.getByTestId('tip-action-submit').click();
    await page.locator('[data-testid="tip-drawer"][data-status="in_progress"]').waitFor();
    await page.getByTestId('tip-action-close').click();
    await page.locator('#close-result').fill('已核实并整改');
    await page.getByTestId('tip-action-submit').click();
    await page.locator('[data-testid="tip-drawer"][data-status="closed"]').waitFor();
    const history = await page.getByTestId('tip-history').textContent();
    expect(history).toContain('分办');
    expect(history).toContain('开始处置');
    expect(history).toContain('办结');
    expect(history).toContain('已办结');
    await page.locator('.ant-drawer-close').click();
    await page.getByRole('tab', { name: /已办结/ }).click();
    await page.locator('.ant-table-row', { hasText: PLANTED.title }).waitFor();
  });

  it('highlights an overdue tip on the board', async () => {
    // The form only takes a due date from today on; a week ahead is not overdue yet.
    const ahead = daysAhead(7);
    await page.goto(`${base}/tips`);
    await openTip(page, TOWNSHIP.title);
    await page.getByTestId('tip-action-assign').click();
    await typeDate(page, '#assign-due', ahead);
    await page.getByTestId('tip-action-submit').click();
    await page.locator('[data-testid="tip-drawer"]', { hasText: ahead.replaceAll('-', '/') }).waitFor();
    expect(await page.getByTestId('tip-drawer').textContent()).not.toContain('已逾期');
    await page.locator('.ant-drawer-close').click();
    // Time passes: the due date is now behind us (set in the store, as the form refuses a past day).
    const tip = await harness.store.getTip(`tip-${TOWNSHIP.id}`);
    expect(tip?.dueAt).toBeDefined();
    await harness.store.updateTipWorkflow({
      tipId: `tip-${TOWNSHIP.id}`,
      expectedStatus: 'assigned',
      patch: { status: 'assigned', team: tip?.team, dueAt: '2026-01-05T23:59:59+08:00' },
      entry: {
        at: '2026-01-01T09:00:00+08:00',
        actor: 'test',
        action: 'assign',
        from: 'assigned',
        to: 'assigned',
      },
    });
    await page.reload();
    await page.locator('.ant-table-row.tip-overdue', { hasText: TOWNSHIP.title }).waitFor();
    await openTip(page, TOWNSHIP.title);
    await page.getByText('已逾期').first().waitFor();
    await page.locator('.ant-drawer-close').click();
    await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });
    await screenshot(page, '06-tips-board');
  });
});
