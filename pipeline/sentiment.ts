// A small Chinese negative-opinion signal: opinion words with intensity, degree adverbs and negation.

import { findPhrases } from './spans.js';

/** Negative opinion words (complaint, anger, loss, blame) and their intensity 1–3. */
export const NEGATIVE_WORDS: ReadonlyMap<string, number> = new Map([
  ...[
    '骗子',
    '黑心',
    '无良',
    '坑人',
    '坑害',
    '欺骗',
    '欺诈',
    '诈骗犯',
    '强盗',
    '流氓',
    '霸王条款',
    '黑幕',
    '猫腻',
  ].map((w) => [w, 3] as const),
  ...[
    '血本无归',
    '欲哭无泪',
    '血汗钱',
    '倾家荡产',
    '苦不堪言',
    '忍无可忍',
    '投诉无门',
    '求助无门',
    '走投无路',
  ].map((w) => [w, 3] as const),
  ...[
    '愤怒',
    '气愤',
    '愤慨',
    '寒心',
    '心寒',
    '无耻',
    '可恶',
    '恶劣',
    '卑鄙',
    '嚣张',
    '蛮横',
    '野蛮',
    '霸道',
  ].map((w) => [w, 2] as const),
  ...[
    '失望',
    '无奈',
    '痛心',
    '崩溃',
    '绝望',
    '焦虑',
    '担忧',
    '恐慌',
    '揪心',
    '心慌',
    '不满',
    '抱怨',
    '怨声载道',
  ].map((w) => [w, 2] as const),
  ...[
    '糟糕',
    '太差',
    '很差',
    '极差',
    '垃圾',
    '坑',
    '忽悠',
    '套路',
    '敷衍',
    '推诿',
    '踢皮球',
    '扯皮',
    '刁难',
  ].map((w) => [w, 2] as const),
  ...[
    '无果',
    '无人理睬',
    '无人问津',
    '置之不理',
    '不予理睬',
    '石沉大海',
    '没有下文',
    '不了了之',
    '拖延',
    '拖着',
  ].map((w) => [w, 2] as const),
  ...[
    '质疑',
    '指责',
    '控诉',
    '声讨',
    '曝光',
    '爆料',
    '维权',
    '讨说法',
    '讨薪',
    '受害',
    '受害人',
    '受害者',
  ].map((w) => [w, 2] as const),
  ...[
    '损失',
    '亏损',
    '被骗',
    '上当',
    '受骗',
    '被坑',
    '吃亏',
    '困扰',
    '影响',
    '隐患',
    '危险',
    '威胁',
    '严重',
  ].map((w) => [w, 1] as const),
  ...[
    '不合理',
    '不公',
    '不公平',
    '不透明',
    '不规范',
    '不负责',
    '不负责任',
    '不作为',
    '乱作为',
    '不兑现',
    '不退',
  ].map((w) => [w, 2] as const),
  // The wording of petitions and message-board complaints: exasperation, stonewalling, abuse of power.
  ...[
    '闹心',
    '烦躁',
    '无语',
    '离谱',
    '荒唐',
    '荒谬',
    '憋屈',
    '委屈',
    '冤枉',
    '无助',
    '心痛',
    '一塌糊涂',
    '乌烟瘴气',
    '脏乱差',
  ].map((w) => [w, 2] as const),
  ...[
    '置若罔闻',
    '充耳不闻',
    '视而不见',
    '睁一只眼闭一只眼',
    '敷衍塞责',
    '糊弄',
    '欺瞒',
    '蒙骗',
    '欺负',
    '压迫',
    '胡作非为',
    '为非作歹',
    '为非作恶',
    '一手遮天',
    '独断专行',
    '横行霸道',
    '无中生有',
    '夸夸其谈',
  ].map((w) => [w, 2] as const),
  ...['难', '差', '乱', '脏', '臭', '吵', '堵', '慢'].map((w) => [w, 1] as const),
]);

/** Positive opinion words: one nearby cancels some negative signal. */
export const POSITIVE_WORDS: ReadonlyMap<string, number> = new Map(
  [
    '满意',
    '点赞',
    '称赞',
    '好评',
    '感谢',
    '感激',
    '赞扬',
    '表扬',
    '放心',
    '安心',
    '便民',
    '贴心',
    '高效',
    '热情',
    '优秀',
    '良好',
    '稳健',
    '正规',
    '靠谱',
    '安全',
    '增长',
    '盈利',
    '获批',
    '荣获',
  ].map((w) => [w, 1] as const),
);

/** Degree adverbs multiply the next opinion word. */
const DEGREE: ReadonlyArray<readonly [string, number]> = [
  ['极其', 2],
  ['极度', 2],
  ['非常', 1.5],
  ['特别', 1.5],
  ['十分', 1.5],
  ['尤为', 1.5],
  ['严重', 1.5],
  ['太', 1.5],
  ['很', 1.3],
  ['更', 1.2],
];

/** Negators flip an opinion word that follows within a few characters (不满意 → negative). */
const NEGATORS = ['不', '没', '没有', '未', '无', '并非', '毫无'];
const NEGATION_REACH = 3;

/** The result of scoring a window: negative and positive strength after degree and negation. */
export interface Sentiment {
  negative: number;
  positive: number;
  /** The opinion words that contributed, for the explanation. */
  words: string[];
}

function modifier(text: string, start: number): { degree: number; negated: boolean } {
  const before = text.slice(Math.max(0, start - 4), start);
  const degree = DEGREE.find(([w]) => before.endsWith(w))?.[1] ?? 1;
  const near = text.slice(Math.max(0, start - NEGATION_REACH), start);
  const negated = NEGATORS.some((n) => near.endsWith(n) || near.slice(0, -1).endsWith(n));
  return { degree, negated };
}

/**
 * Negative and positive opinion strength of a text window: each opinion word counts its intensity times a
 * preceding degree adverb; a negated positive word counts as negative and a negated negative word as
 * positive (不满意, 不坑); each distinct word counts at most twice.
 */
export function sentimentOf(text: string): Sentiment {
  const out: Sentiment = { negative: 0, positive: 0, words: [] };
  const found = findPhrases(text, [...NEGATIVE_WORDS.keys(), ...POSITIVE_WORDS.keys()]);
  for (const [word, offsets] of found) {
    const negWeight = NEGATIVE_WORDS.get(word);
    const polarity = negWeight !== undefined ? -1 : 1;
    const base = negWeight ?? POSITIVE_WORDS.get(word) ?? 0;
    for (const start of offsets.slice(0, 2)) {
      const { degree, negated } = modifier(text, start);
      const value = base * degree;
      const sign = negated ? -polarity : polarity;
      if (sign < 0) out.negative += value;
      else out.positive += value;
    }
    if (polarity < 0) out.words.push(word);
  }
  return out;
}
