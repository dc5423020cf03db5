import { describe, expect, it } from 'vitest';
import type { RecurrenceWording, RoundConfig } from '../../config/schema.js';
import type { Problem } from '../../core/ledger.js';
import { type ExtractedArticle, levelRank } from '../../core/types.js';
import { createProcessor } from '../../pipeline/process.js';
import { applyRecurrence, PROBLEM_POINTS } from '../../pipeline/recurrence.js';
import { createJiebaSegmenter } from '../../pipeline/segmenter.js';
import { userDictionary } from '../../pipeline/user-dictionary.js';
import { DEMO_ROUND, SMALL_LEXICON } from './fixtures.js';

const round: RoundConfig = {
  ...DEMO_ROUND,
  phases: {
    entry: { start: '2026-09-01', end: '2026-09-30' },
    feedback: { start: '2026-10-15', end: '2026-10-25' },
    rectification: { start: '2026-10-26', end: '2027-03-31' },
  },
};
const segmenter = createJiebaSegmenter(userDictionary([round], SMALL_LEXICON));
const processArticle = createProcessor({
  rounds: [round],
  lexicon: SMALL_LEXICON,
  segmenter,
  timezone: 'Asia/Shanghai',
});
const wording: RecurrenceWording = {
  rectification: ['还是老样子', '又开始', '没有改'],
  generic: ['问题', '群众', '反映', '部分', '存在'],
};

const problem = (over: Partial<Problem> = {}): Problem => ({
  roundId: round.id,
  id: 'ZJJ-03',
  unitId: 'zjj',
  title: '老旧小区改造工程质量监管不力',
  description: '部分老旧小区改造项目外墙渗水、雨污管网反复开挖返工，施工单位偷工减料，验收把关不严。',
  terms: ['老旧小区改造', '外墙渗水', '偷工减料'],
  status: 'rectifying',
  createdAt: '2026-10-20T00:00:00.000Z',
  updatedAt: '2026-10-20T00:00:00.000Z',
  ...over,
});

const item = (title: string, body: string, publishedAt = '2026-11-20T20:00:00+08:00'): ExtractedArticle => ({
  url: `http://127.0.0.1/${encodeURIComponent(title)}.html`,
  sourceId: 'demo-forum',
  sourceName: '明州论坛',
  sourceType: 'html',
  title,
  body,
  publishedAt,
  fetchedAt: publishedAt,
});

const run = (a: ExtractedArticle, problems: Problem[] = [problem()]) =>
  applyRecurrence(processArticle(a), {
    rounds: [round],
    problems,
    wording,
    cut: segmenter.cut,
    timezone: 'Asia/Shanghai',
  });

// A resident's post, and the same complaint reposted by a local account with a lead-in (a transformation).
const POST = [
  '我们小区去年列入老旧小区改造，巡察组来过以后说要整改。',
  '到现在外墙渗水还是老样子，一下雨楼道里全是水，施工单位偷工减料没人管，市住建局说验收合格。',
].join('\n');
const REPOST = `【网友来信】近日有网友向本号反映：\n${POST.replace('还是老样子', '一点没变')}\n以上为网友来信，仅代表个人观点。`;

describe('applyRecurrence', () => {
  it('links a complaint about the problem, explains it, and lifts it to at least orange on rectification wording', () => {
    const before = processArticle(item('小区改造快一年了', POST));
    const { article, matches } = run(item('小区改造快一年了', POST));
    expect(matches).toHaveLength(1);
    expect(matches[0]).toMatchObject({
      problemId: 'ZJJ-03',
      unitId: 'zjj',
      wording: ['还是老样子'],
      recurrence: true,
    });
    expect(matches[0]?.terms).toEqual(expect.arrayContaining(['外墙渗水', '偷工减料']));
    const a = article.assessments[0];
    const part = a?.parts.find((p) => p.kind === 'problem');
    expect(part?.label).toMatch(/^涉及已反馈问题：ZJJ-03 老旧小区改造工程质量监管不力（/);
    expect(part?.label).toContain('还是老样子');
    // Parts still sum to the score, and the level rose to at least orange.
    expect(a?.score).toBe(a?.parts.reduce((s, p) => s + p.points, 0));
    expect(levelRank(article.level)).toBeGreaterThanOrEqual(levelRank('orange'));
    expect(article.score).toBeGreaterThan(before.score);
    expect(a?.units[0]?.parts?.some((p) => p.problemId === 'ZJJ-03')).toBe(true);
  });

  it('links a repost without the wording as a plain match, which adds points but does not force orange', () => {
    const { article, matches } = run(item('网友来信：小区改造', REPOST));
    expect(matches).toHaveLength(1);
    expect(matches[0]?.recurrence).toBe(false);
    expect(matches[0]?.part.points).toBe(PROBLEM_POINTS);
    expect(article.assessments[0]?.parts.some((p) => p.kind === 'problem')).toBe(true);
  });

  it('treats a problem marked 已整改 that shows up again as a recurrence (at least orange)', () => {
    const { article, matches } = run(item('网友来信：小区改造', REPOST), [problem({ status: 'rectified' })]);
    expect(matches[0]?.recurrence).toBe(true);
    expect(matches[0]?.part.label).toContain('该问题已标记为已整改');
    expect(levelRank(article.level)).toBeGreaterThanOrEqual(levelRank('orange'));
  });

  it('needs more than one keyword: a single shared term in an unrelated complaint does not link', () => {
    const text =
      '市住建局政务窗口办事要排队两个小时，工作人员说老旧小区改造的事情太多忙不过来，材料来回补了三次。';
    expect(run(item('市住建局窗口办事排队两小时', text)).matches).toEqual([]);
  });

  it('does not match before the feedback start, nor another unit’s problem', () => {
    expect(run(item('小区改造快一年了', POST, '2026-10-10T10:00:00+08:00')).matches).toEqual([]);
    expect(run(item('小区改造快一年了', POST), [problem({ unitId: 'qsz' })]).matches).toEqual([]);
  });

  it('returns the item unchanged when there are no problems', () => {
    const scored = processArticle(item('小区改造快一年了', POST));
    const result = applyRecurrence(scored, {
      rounds: [round],
      problems: [],
      wording,
      cut: segmenter.cut,
      timezone: 'Asia/Shanghai',
    });
    expect(result.article).toBe(scored);
  });
});
