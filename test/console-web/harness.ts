// One seeded console (real SQLite, real config files, the built SPA) and one Chromium per browser test file.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { loadConfig } from '../../config/loader.js';
import { hashPassword } from '../../console/auth/passwords.js';
import { type RunningConsole, startConsole } from '../../console/server.js';
import { silentLogger } from '../../core/log.js';
import { CHROMIUM_ARGS, chromiumExecutablePath } from '../../crawlers/chromium.js';
import { createEvidenceFiles, evidenceRoot } from '../../store/evidence/evidence-files.js';
import type { UserRole } from '../../store/store.js';
import { PLANTED } from '../console/fixtures.js';
import { seededStore } from '../console/seed.js';
import { ROOT } from '../helpers/cli.js';
import { writeExampleConfig } from '../helpers/example-config.js';
import { ensureSpaBuilt } from './build-spa.js';
import {
  OTHER_ROUND_ARTICLE,
  OTHER_ROUND_TIP,
  OTHER_ROUND_YAML,
  PLANTED_EVIDENCE_HTML,
  XSS_ARTICLE,
  XSS_EVIDENCE_HTML,
  XSS_TIP,
} from './web-fixtures.js';

/** Where the tests save their screenshots. */
export const SCREENSHOT_DIR = join(ROOT, 'test-results/console');

/** Password of every seeded account. */
export const PASSWORD = 'ceshi-mima-2026';

/** Seeded accounts: name → role, scope. */
export const USERS: Record<string, { role: UserRole; rounds: string[]; team?: string }> = {
  admin: { role: 'admin', rounds: [] },
  jianceyuan: { role: 'officer', rounds: [] },
  zu1: { role: 'team', rounds: ['2026-r4'], team: '第一巡察组' },
};

/** The running console and browser of one test file. */
export interface Harness {
  console: RunningConsole;
  /** The seeded store the console runs on, for tests that set up a state first. */
  store: Awaited<ReturnType<typeof seededStore>>;
  browser: Browser;
  configDir: string;
  close(): Promise<void>;
}

async function seedAccounts(store: Awaited<ReturnType<typeof seededStore>>): Promise<void> {
  const passwordHash = await hashPassword(PASSWORD);
  for (const [name, user] of Object.entries(USERS)) {
    await store.createUser({
      name,
      role: user.role,
      rounds: user.rounds,
      units: [],
      ...(user.team ? { team: user.team } : {}),
      passwordHash,
      disabled: false,
      mustChangePassword: false,
      createdAt: '2026-11-01T00:00:00+08:00',
    });
  }
}

/** Seed a store and config in a temp dir, start the console with the built SPA, and launch Chromium. */
export async function startHarness(): Promise<Harness> {
  const webRoot = await ensureSpaBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'yuqing-console-web-'));
  const configDir = writeExampleConfig(dir, {
    demoUrl: 'http://127.0.0.1:9',
    smtpUrl: 'smtp://127.0.0.1:9',
    wecomUrl: 'http://127.0.0.1:9/wecom',
  });
  writeFileSync(join(configDir, 'rounds/2026-r5.yaml'), OTHER_ROUND_YAML);
  const config = await loadConfig(configDir, { dataDir: dir });
  const store = await seededStore(dir);
  await store.ingest({ article: OTHER_ROUND_ARTICLE, tips: [{ tip: OTHER_ROUND_TIP, channels: [] }] });
  await store.ingest({ article: XSS_ARTICLE, tips: [{ tip: XSS_TIP, channels: [] }] });
  const files = createEvidenceFiles({ root: evidenceRoot(config.settings.dataDir) });
  for (const [article, html] of [
    [XSS_ARTICLE, XSS_EVIDENCE_HTML],
    [PLANTED, PLANTED_EVIDENCE_HTML],
  ] as const) {
    const record = await files.save(article.id, {
      body: new TextEncoder().encode(html),
      contentType: 'text/html; charset=utf-8',
      status: 200,
      finalUrl: article.url,
      fetchedAt: article.fetchedAt,
    });
    await store.putEvidence(record);
  }
  await seedAccounts(store);
  const running = await startConsole({
    store,
    config,
    queryTerms: (q) => q.split(/\s+/).filter(Boolean),
    logger: silentLogger(),
    host: '127.0.0.1',
    port: 0,
    webRoot,
  });
  const browser = await chromium.launch({ executablePath: chromiumExecutablePath(), args: CHROMIUM_ARGS });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    console: running,
    store,
    browser,
    configDir,
    close: async () => {
      await browser.close();
      await running.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh page in its own context (own cookies), times shown as the browser in UTC would show them. */
export async function newPage(harness: Harness): Promise<Page> {
  const context = await harness.browser.newContext({
    timezoneId: 'UTC',
    locale: 'zh-CN',
    viewport: { width: 1400, height: 900 },
  });
  return context.newPage();
}

/** Sign in through the login form and wait for the menu. */
export async function login(page: Page, baseUrl: string, name: string, password = PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/search`);
  await page.locator('#login-username').fill(name);
  await page.locator('#login-password').fill(password);
  await page
    .getByRole('button', { name: '登 录' })
    .or(page.getByRole('button', { name: '登录' }))
    .click();
  await page.getByTestId('user-menu').waitFor();
}

/** Save a full-page screenshot as test-results/console/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
