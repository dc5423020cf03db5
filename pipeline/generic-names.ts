/**
 * Watched names that are also ordinary words of finance and web text (返利, 现金贷, 币圈): in running text
 * such a word is usually the word, not the unit, so it names the unit only where the text marks it as a name.
 */
export const GENERIC_NAME_WORDS: ReadonlySet<string> = new Set([
  // Business models and products, not firms.
  '返利',
  '高返利',
  '消费返利',
  '理财',
  'P2P理财',
  '网贷',
  'P2P网贷',
  '现金贷',
  '网络贷',
  '网络贷款',
  '小额贷',
  '小额贷款',
  '消费贷',
  '低息贷款',
  '信用贷',
  '微交易',
  '微盘',
  '配资',
  '众筹',
  '互助',
  '互金',
  '共享单车',
  '买信托',
  '凑份子',
  '资金链',
  '贵金属',
  '期权',
  '期货',
  '外汇',
  '白条',
  '钱包',
  '区块链',
  '区块链媒体',
  '币圈',
  '数字货币',
  '虚拟货币',
  '金融服务',
  '金融业',
  // Everyday words that some small platforms are named after.
  '靠谱',
  '点赞',
  '头条',
  '首家',
  '利得',
]);

// What marks a generic word as a name: a tag, mention, quote or bracket right before or after it, or a
// company word right after it (返利网 is the word 返利 plus 网 and is matched as its own name).
const MARK_BEFORE = /[@#＃“"「『《【（(]$/u;
const MARK_AFTER = /^(?:[#＃”"」』》】）)]|公司|集团|有限|官方|官网|APP|App|app|客服)/u;

/** Whether a watched name is an ordinary word that needs marking in the text to count as a mention. */
export function isGenericName(name: string): boolean {
  return GENERIC_NAME_WORDS.has(name);
}

/** Whether the occurrence of a generic name at [start, end) of `text` is marked as a name. */
export function markedAsName(text: string, start: number, end: number): boolean {
  return (
    MARK_BEFORE.test(text.slice(Math.max(0, start - 1), start)) || MARK_AFTER.test(text.slice(end, end + 3))
  );
}
