// 失败预警 and 排除建议 in a real Chromium: the dashboard tells an admin of a dead red alert, the failed-alerts page
// marks it handled and re-queues it; a 误报 suggestion is accepted; an officer sees suggestions without buttons.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE, PLANTED } from '../console/fixtures.js';
import { CHROMIUM, needs } from '../helpers/system-packages.js';
import { type Harness, login, newPage, screenshot, startHarness } from './harness.js';

const chromiumNeeded = needs(CHROMIUM);

describe.skipIf(chromiumNeeded.skip)(
  chromiumNeeded.title('console SPA: failed alerts and exclusion suggestions'),
  () => {
    let harness: Harness;
    let base: string;

    beforeAll(async () => {
      harness = await startHarness();
      base = harness.console.url;
      const [alert] = await harness.store.listAlerts('pending');
      if (!alert) throw new Error('seed has no pending alert');
      await harness.store.markAlertFailed(
        alert.id,
        'office-mail: SMTP 127.0.0.1: Invalid login: 535 Authentication failed [EAUTH]',
        new Date().toISOString(),
        true,
      );
      await harness.store.updateTipWorkflow({
        tipId: `tip-${HOSTILE.id}`,
        expectedStatus: 'new',
        patch: { status: 'dismissed', dismissReason: 'false_positive' },
        entry: {
          at: '2026-11-23T09:00:00+08:00',
          actor: 'jianceyuan',
          action: 'dismiss',
          from: 'new',
          to: 'dismissed',
        },
        suggestion: { phrase: '物业纠纷' },
      });
    }, 120_000);

    afterAll(async () => harness?.close());

    it('leads an admin from the dashboard notice to the dead alert, marks it handled and re-queues it', async () => {
      const admin = await newPage(harness);
      await login(admin, base, 'admin');
      await admin.goto(`${base}/dashboard`);
      const notice = admin.getByTestId('failed-alerts-notice');
      await notice.waitFor();
      expect(await notice.textContent()).toContain('有 1 条预警发送失败，尚未处理（其中红色线索 1 条）');
      await notice.getByRole('button', { name: '查看失败预警' }).click();
      await admin.waitForURL(/\/failed-alerts$/);
      const row = admin.locator('.ant-table-row', { hasText: PLANTED.title });
      await row.waitFor();
      expect(await row.textContent()).toContain('邮件服务器认证失败（用户名或密码有误）');
      await screenshot(admin, 'failed-alerts');
      await row.getByRole('button', { name: '标记已处理' }).click();
      await admin.locator('.ant-popconfirm').getByRole('button', { name: '确认已处理' }).click();
      await admin.getByText('没有未处理的失败预警').waitFor();
      await admin.getByText('已处理', { exact: true }).click();
      const handled = admin.locator('.ant-table-row', { hasText: PLANTED.title });
      await handled.getByText(/admin 已处理于/).waitFor();
      await handled.getByRole('button', { name: /重\s*试/ }).click();
      await admin.getByText('暂无记录').waitFor();
      expect((await harness.store.listAlerts('pending')).map((a) => a.attempts)).toEqual([0]);
    }, 120_000);

    it('lets an admin accept a suggestion and shows officers the list only', async () => {
      const officer = await newPage(harness);
      await login(officer, base, 'jianceyuan');
      await officer.goto(`${base}/suggestions`);
      const seen = officer.locator('.ant-table-row', { hasText: '物业纠纷' });
      await seen.waitFor();
      expect(await seen.textContent()).toContain('明州市住房和城乡建设局');
      expect(await officer.getByRole('button', { name: /采\s*纳|驳\s*回/ }).count()).toBe(0);

      const admin = await newPage(harness);
      await login(admin, base, 'admin');
      await admin.goto(`${base}/suggestions`);
      const row = admin.locator('.ant-table-row', { hasText: '物业纠纷' });
      await row.waitFor();
      await screenshot(admin, 'suggestions');
      await row.getByRole('button', { name: /采\s*纳/ }).click();
      await admin
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /采\s*纳/ })
        .click();
      await admin.getByText('没有待审核的排除建议').waitFor();
      await admin.getByText('已采纳', { exact: true }).click();
      await admin.locator('.ant-table-row', { hasText: '物业纠纷' }).getByText('已采纳').waitFor();
      expect((await harness.store.listSuggestions('accepted')).map((s) => s.phrase)).toEqual(['物业纠纷']);
    }, 120_000);
  },
);
