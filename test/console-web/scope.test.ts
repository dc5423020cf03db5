import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLANTED } from '../console/fixtures.js';
import { CHROMIUM, needs } from '../helpers/system-packages.js';
import { type Harness, login, newPage, screenshot, startHarness } from './harness.js';
import { OTHER_ROUND_ARTICLE, OTHER_ROUND_TIP } from './web-fixtures.js';

const chromiumNeeded = needs(CHROMIUM);

// A team account of round 2026-r4 must not see round 2026-r5, neither in the screens nor through the API.
describe.skipIf(chromiumNeeded.skip)(chromiumNeeded.title('console SPA: team scope'), () => {
  let harness: Harness;
  let team: Page;
  let officer: Page;
  let base: string;

  beforeAll(async () => {
    harness = await startHarness();
    base = harness.console.url;
    team = await newPage(harness);
    officer = await newPage(harness);
    await login(team, base, 'zu1');
    await login(officer, base, 'jianceyuan');
  });

  afterAll(async () => harness?.close());

  it('the officer sees the other round (control)', async () => {
    await officer.goto(`${base}/search?q=${encodeURIComponent('收费')}`);
    await officer.locator(`.search-hit[data-id="${OTHER_ROUND_ARTICLE.id}"]`).waitFor();
    expect((await officer.request.get(`${base}/api/articles/${OTHER_ROUND_ARTICLE.id}`)).status()).toBe(200);
  });

  it('the team user sees only its round in the screens', async () => {
    expect(await team.locator('.app-menu').textContent()).not.toContain('轮次配置');
    await team.goto(`${base}/search?q=${encodeURIComponent('收费')}`);
    await team.locator(`.search-hit[data-cluster="${PLANTED.id}"]`).waitFor();
    expect(await team.locator(`.search-hit[data-id="${OTHER_ROUND_ARTICLE.id}"]`).count()).toBe(0);
    await team.locator('.search-filters .ant-select').filter({ hasText: '轮次' }).click();
    // The dropdown opens before its options render: wait for the first one.
    await team.locator('.ant-select-dropdown:visible .ant-select-item-option').first().waitFor();
    const options = await team
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .allTextContents();
    expect(options).toEqual(['明州市委2026年第四轮巡察']);
    await team.keyboard.press('Escape');
    await screenshot(team, '10-team-search');

    await team.goto(`${base}/articles/${OTHER_ROUND_ARTICLE.id}`);
    await team.locator('.ant-alert-error').waitFor();
    expect(await team.locator('body').textContent()).not.toContain(OTHER_ROUND_ARTICLE.title);

    await team.goto(`${base}/tips`);
    await team.locator('.ant-table-row').first().waitFor();
    expect(await team.locator('.ant-table-tbody').textContent()).not.toContain(OTHER_ROUND_ARTICLE.title);

    await team.goto(`${base}/dashboard?round=2026-r5`);
    await team.locator('.ant-alert-error').waitFor();
    expect(await team.locator('body').textContent()).not.toContain('明州市教育局');

    await team.goto(`${base}/rounds`);
    await team.getByText('无权访问').waitFor();
  });

  it('the API refuses the other round to the team user', async () => {
    const get = (path: string) => team.request.get(`${base}${path}`);
    expect((await get(`/api/articles/${OTHER_ROUND_ARTICLE.id}`)).status()).toBe(404);
    expect((await get(`/api/tips/${OTHER_ROUND_TIP.id}`)).status()).toBe(404);
    expect((await get('/api/search?round=2026-r5')).status()).toBe(403);
    expect([403, 404]).toContain((await get('/api/dashboard?round=2026-r5')).status());
    expect((await get('/api/rounds/2026-r5/config')).status()).toBe(403);
    const rounds = await (await get('/api/rounds')).json();
    expect(rounds.rounds.map((r: { id: string }) => r.id)).toEqual(['2026-r4']);
    const search = await (await get(`/api/search?q=${encodeURIComponent('收费')}`)).json();
    expect(search.hits.map((h: { id: string }) => h.id)).not.toContain(OTHER_ROUND_ARTICLE.id);
    const tips = await (await get('/api/tips?limit=200')).json();
    expect(tips.tips.map((t: { id: string }) => t.id)).not.toContain(OTHER_ROUND_TIP.id);
  });
});
