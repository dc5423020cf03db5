import { z } from 'zod';
import { quote } from '../issue-reason.js';
import { boundedInt, boundedNumber, phaseNameSchema, str } from './common.js';

export const keywordSchema = z.object({
  /**
   * The phrase (matched as written) or a `/regex/`; may carry inline rules after spaces:
   * `+词` must occur in the same sentence (`+甲|乙`: one of them must), `-词` must not, `~N` within N characters
   * of a unit mention.
   */
  term: str('词语').superRefine((term, ctx) => {
    const problem = regexProblem(term);
    if (problem) ctx.addIssue({ code: 'custom', message: `${problem}：${quote(term)}` });
  }),
  category: str('类别'),
  weight: boundedNumber(-100, 100, '权重'),
  phases: z.array(phaseNameSchema, { error: '应为阶段列表' }).optional(),
  /** Every one of these must occur in the same sentence as the term; `甲|乙` is met by either. */
  must: z.array(str('词语'), { error: '应为词语列表' }).optional(),
  /** The term does not count in a sentence holding any of these. */
  exclude: z.array(str('词语'), { error: '应为词语列表' }).optional(),
  /** The term counts only within this many characters of a mention of the unit. */
  near: boundedInt(1, 10_000, '字数').optional(),
});
/**
 * Why a `/regex/` term would not compile (pipeline/terms.ts reads the same form), or undefined. Caught here so
 * an unclosed or invalid pattern fails `config check`, not silently at crawl time.
 */
export function regexProblem(term: string): string | undefined {
  const raw = term.trim();
  if (!raw.startsWith('/')) return undefined;
  const match = /^\/(.+)\/([a-z]*)(?:\s|$)/.exec(raw);
  if (!match) return '正则表达式 /…/ 缺少结尾的 /';
  try {
    new RegExp(match[1] ?? '', (match[2] ?? '').replace(/[gy]/g, ''));
    return undefined;
  } catch (error) {
    return `正则表达式写法不对（${(error as Error).message}）`;
  }
}

export const lexiconFileSchema = z.object({
  terms: z.array(keywordSchema, { error: '应为词条列表' }),
});

/** A lexicon term with its category and weight, and optional boolean and proximity rules. */
export type Keyword = z.infer<typeof keywordSchema>;
