import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLANTED, REPOSTS, SIMILAR_UNIT } from '../../demo/content/index.js';
import { runCli } from '../helpers/cli.js';
import { type DemoEnv, startDemoEnv } from '../helpers/demo-env.js';
import { type Receiver, startReceiver } from '../helpers/http-receiver.js';
import { mailText, type SmtpCatcher } from '../helpers/smtp-catcher.js';

// The planted post and its reposts are one story; whichever copy is crawled first becomes the tip.
const STORY_PATHS = [PLANTED.path, ...REPOSTS.map((r) => r.path)];
const inStory = (url: string) => STORY_PATHS.some((p) => url.endsWith(p));

interface CrawlJson {
  fetched: number;
  stored: number;
  duplicates: number;
  skipped: number;
  tips: {
    id: string;
    round: string;
    unit: string;
    level: string;
    score: number;
    title: string;
    url: string;
  }[];
  alerts: { sent: number; failed: number };
}

interface SearchJson {
  total: number;
  hits: {
    id: string;
    title: string;
    url: string;
    level: string;
    units: string[];
    highlights: string[];
    clusterSize: number;
  }[];
}

describe('walking skeleton: crawl → score → index → tip → alert, through the CLI', () => {
  let env: DemoEnv;
  let smtp: SmtpCatcher;
  let wecom: Receiver;
  let broken: Receiver;
  let cli: (args: string[]) => ReturnType<typeof runCli>;
  let first: CrawlJson;

  beforeAll(async () => {
    // Bad sources: a 500, an empty page, a non-HTML response and an unreachable port.
    broken = await startReceiver((req) => {
      if (req.path === '/500') return { status: 500, body: 'boom' };
      if (req.path === '/empty') return { status: 200, body: '', contentType: 'text/html' };
      return { status: 200, body: '\u0089PNG', contentType: 'image/png' };
    });
    const bad = (id: string, url: string) => ({ id, name: id, type: 'html', url, list: { item: 'a' } });
    env = await startDemoEnv({
      extraSources: [
        bad('bad-500', `${broken.url}/500`),
        bad('bad-empty', `${broken.url}/empty`),
        bad('bad-binary', `${broken.url}/logo.png`),
        bad('bad-unreachable', 'http://127.0.0.1:9/'),
      ],
    });
    ({ smtp, wecom } = env);
    cli = (args) => runCli([...args, '--config', env.configDir, '--data', env.dataDir]);
    const result = await cli(['crawl', '--once', '--json']);
    expect(result.code, result.stderr).toBe(0);
    first = JSON.parse(result.stdout) as CrawlJson;
  }, 300_000);

  afterAll(async () => {
    await Promise.allSettled([env?.close(), broken?.close()]);
  });

  it('stores the demo articles and counts every bad source as skipped', () => {
    expect(first.fetched).toBeGreaterThanOrEqual(10);
    expect(first.stored).toBeGreaterThanOrEqual(10);
    expect(first.skipped).toBeGreaterThanOrEqual(4);
  });

  it('makes the planted story a red tip for its unit', () => {
    const tips = first.tips.filter((t) => inStory(t.url));
    expect(tips).toHaveLength(1);
    expect(tips[0]).toMatchObject({ round: '2026-r4', unit: 'zjj', level: 'red' });
    // Only the planted story is red in the demo.
    expect(first.tips.filter((t) => t.level === 'red')).toHaveLength(1);
  });

  it('does not attribute the similarly named unit to the watched one', async () => {
    expect(first.tips.some((t) => t.url.endsWith(SIMILAR_UNIT.path) && t.unit === 'zjj')).toBe(false);
    const found = JSON.parse((await cli(['search', '明湖区', '--json'])).stdout) as SearchJson;
    const similar = found.hits.find((h) => h.url.endsWith(SIMILAR_UNIT.path));
    expect(similar).toBeDefined();
    expect(similar?.units).not.toContain('zjj');
  });

  it('finds articles by a two-character Chinese query, with highlights', async () => {
    const result = await cli(['search', '收费', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const found = JSON.parse(result.stdout) as SearchJson;
    expect(found.total).toBeGreaterThan(0);
    const planted = found.hits.find((h) => h.title === PLANTED.title);
    expect(planted?.highlights.join('')).toContain('<mark>收费</mark>');
  });

  it('merges the reposts into the planted story', async () => {
    expect(first.duplicates).toBeGreaterThanOrEqual(REPOSTS.length);
    const found = JSON.parse(
      (await cli(['search', '吃拿卡要', '--json', '--limit', '50'])).stdout,
    ) as SearchJson;
    const planted = found.hits.find((h) => h.title === PLANTED.title);
    expect(planted?.clusterSize).toBeGreaterThanOrEqual(1 + REPOSTS.length);
    // One story, one tip: the reposts made none of their own.
    expect(first.tips.filter((t) => t.unit === 'zjj' && t.level === 'red')).toHaveLength(1);
  });

  it('explains the score: the parts add up to it', async () => {
    const tips = JSON.parse((await cli(['tips', '--json'])).stdout) as {
      tips: { title: string; score: number; parts: { points: number; label: string }[] }[];
    };
    const story = first.tips.find((t) => inStory(t.url));
    const tip = tips.tips.find((t) => t.title === story?.title);
    expect(tip?.parts.length).toBeGreaterThan(0);
    const sum = tip?.parts.reduce((n, p) => n + p.points, 0) ?? -1;
    expect(sum).toBeCloseTo(tip?.score ?? 0, 5);
    expect(tip?.parts.map((p) => p.label).join('')).toMatch(/违规收费|吃拿卡要/);
  });

  it('sends exactly one email and one 企业微信 message for the planted story', () => {
    expect(first.alerts.failed).toBe(0);
    const tip = first.tips.find((t) => inStory(t.url));
    if (!tip) throw new Error('no tip for the planted story');
    // Every copy's title contains the planted one, so this also proves the reposts sent nothing.
    const mails = smtp.mails.filter((m) => mailText(m.raw).includes(PLANTED.title));
    expect(mails).toHaveLength(1);
    expect(mailText(mails[0]?.raw ?? '')).toContain(tip.title);
    expect(mailText(mails[0]?.raw ?? '')).toContain(tip.url);
    const robots = wecom.requests.filter((r) => r.raw.includes(PLANTED.title));
    expect(robots).toHaveLength(1);
    const message = robots[0]?.body as { msgtype: string; markdown: { content: string } };
    expect(message.msgtype).toBe('markdown');
    expect(message.markdown.content).toContain(tip.title);
    expect(message.markdown.content).toContain(tip.url);
  });

  it('sends nothing new on a second cycle in a new process (a restart)', async () => {
    const mailsBefore = smtp.mails.length;
    const hooksBefore = wecom.requests.length;
    const result = await cli(['crawl', '--once', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const second = JSON.parse(result.stdout) as CrawlJson;
    expect(second.stored).toBe(0);
    expect(second.tips).toEqual([]);
    expect(second.alerts).toEqual({ sent: 0, failed: 0 });
    expect(smtp.mails.length).toBe(mailsBefore);
    expect(wecom.requests.length).toBe(hooksBefore);
  });
});
