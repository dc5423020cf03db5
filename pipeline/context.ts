// Context that changes what a term or a unit mention means: negation, rule quotation, request, news source.

/** Negators that cancel a term right after them (未/不/没/无 within one character: 未收取, 没有乱收费). */
const SHORT_NEGATORS = ['未', '不', '没', '无', '非', '别'];
// 不/无 that do not negate what follows: a complement of ability (扛不住挤兑, 受不了), a quantity or
// persistence (不少人被骗, 不断逾期), or a cause denied (无故拖欠, 无端扣款).
const NOT_NEGATION = /(?:不[住了起过少断停满止]|无[故端])$/;
/** Denials and rules quoted: cancel a term later in the same clause. */
const DENIALS: readonly string[] = [
  '未发现',
  '没有发现',
  '不存在',
  '没有',
  '并无',
  '并未',
  '从未',
  '并不是',
  '并非',
  '严禁',
  '禁止',
  '不得',
  '不准',
];
const CLAUSE_REACH = 12;
/**
 * Clause negators that read as an awareness campaign or a general question (打击诈骗, 揭秘非法集资套路, 如何识别
 * 骗局); with a watched organisation named in the clause they are an exposé of or charge against it instead
 * (揭秘钱宝网非法集资套路, 全民打击骗子平台海象理财), so they do not cancel the term there.
 */
const AWARENESS: readonly string[] = [
  '杜绝',
  '防止',
  '防范',
  '严防',
  '谨防',
  '警惕',
  '打击',
  '整治',
  '遏制',
  '纠治',
  '抵制',
  '反对',
  '如何',
  '怎么',
  '是否',
  '有没有',
  '识别',
  '远离',
  '避免',
  '揭秘',
  '科普',
  '规避',
];
// A supposition (如果…跑路, 就算工商银行也扛不住挤兑) asserts nothing, whoever it names.
const SUPPOSITIONS: readonly string[] = ['如果', '假如', '万一', '就算', '即使', '即便', '哪怕'];
/** Yes-no questions, read before the 没/无 inside them is taken for a denial. */
const QUESTIONS: readonly string[] = ['有没有'];
/** The awareness negators, for lookups. */
export const AWARENESS_NEGATORS: ReadonlySet<string> = new Set(AWARENESS);

/** Phrases that cancel a term later in the same clause: denial, a rule quoted, a warning or a campaign. */
export const CLAUSE_NEGATORS: readonly string[] = [...DENIALS, ...SUPPOSITIONS, ...AWARENESS];

/** The negator that cancels a term starting at `start` within its clause [clauseStart, …), if any. */
export function negatorBefore(text: string, start: number, clauseStart: number): string | undefined {
  if (stillNotSanctioned(text, start, clauseStart)) return undefined;
  const window = text.slice(Math.max(clauseStart, start - CLAUSE_REACH), start);
  // 有没有追查X: a question, which a watched name in the clause turns into a demand (see AWARENESS).
  const question = QUESTIONS.find((q) => window.includes(q));
  if (question !== undefined) return question;
  const near = text.slice(Math.max(clauseStart, start - 2), start);
  const short = NOT_NEGATION.test(near)
    ? undefined
    : SHORT_NEGATORS.find((n) => near.endsWith(n) || near.slice(0, -1).endsWith(n));
  if (short !== undefined) return short;
  // 反欺诈, 反洗钱: fighting the thing (违反 and 相反 are not).
  if (near.endsWith('反') && !/[违相]反$/.test(text.slice(Math.max(clauseStart, start - 2), start)))
    return '反';
  return CLAUSE_NEGATORS.find((n) => window.includes(n));
}

// "Still not" before a sanction (斐讯还未被立案, 至今仍未查处): the writer says it is overdue, which accuses the
// one not yet sanctioned rather than clearing it.
const STILL_NOT_BEFORE = /(?:还|仍|仍然|尚|依然|至今|迟迟)(?:未|没有|没)\s*$/;
const SANCTION_AFTER = /^被?(?:立案|查处|处罚|处理|追究|逮捕|批捕|刑拘|起诉|查封|取缔|法办)/;

/** Whether the term at `start` is a sanction the text complains has still not happened. */
export function stillNotSanctioned(text: string, start: number, clauseStart: number): boolean {
  // The term may begin with 被 (被立案) or follow it (被…查处).
  const from = text.charAt(start - 1) === '被' ? start - 1 : start;
  return (
    STILL_NOT_BEFORE.test(text.slice(Math.max(clauseStart, from - 6), from)) &&
    SANCTION_AFTER.test(text.slice(from, from + 5))
  );
}

/**
 * How a unit is named at one mention: as the one acted on, as someone asked to act, as a news source or
 * authority, as a landmark giving a place (X旁边, X4楼), or as the one defrauded or impersonated (X被诈骗,
 * 冒充X).
 */
export type MentionRole = 'subject' | 'addressee' | 'source' | 'location' | 'victim';

// Asking someone to act (请A3区纪委…, 向市质监站反映, 拨打12345): the unit named is not the one accused.
const REQUEST_BEFORE =
  /(?:请|恳请|恳求|请求|呼吁|拨打|寻求|求助|致电|致信|请到|邀请|(?:投诉|反映|反应|举报|求助|上访)(?:到|给|至))\s*$/;
const WHY_AFTER = /^[^，。；！？\n]{0,16}?(?:为什么|为何|凭什么)/;
// 向X反映/投诉: X receives the complaint (向X借款 does not make X a recipient of one).
const TO_RECIPIENT = /^[^，。；！？\n]{0,14}?(?:反映|投诉|举报|求助|申请|咨询|报告|报案|信访)/;
// 到/去/找X投诉 (像 is a common slip for 向): closer and with complaint verbs only (去X租房想咨询 is not one).
const COMPLAINED_TO = /^[^，。；！？\n]{0,6}?(?:反映|反应|投诉|举报|求助|信访|上访)/;
// A news source (据新华网报道, 网贷天眼讯, 来源：…).
const SOURCE_BEFORE = /(?:据|来源[:：]?|来自|转自|转载自|分享自@?|记者从)\s*$/;
const SOURCE_AFTER =
  /^\s*(?:\d{1,2}月\d{1,2}日(?:电|讯)|讯|报道|报导|消息|记者|统计|获悉|援引|整理|原创|早报|晚报|快讯|数据显示|官网|发布的?数据)/;
// An authority acting on a case (福田分局…立案侦查, 松江公安分局通报称, 被住建委查处): it is not the one accused.
const AUTHORITY_AFTER =
  /^(?:于[^，。；！？\n]{1,10}?)?[^，。；！？\n]{0,4}?(?:通报|发函|约谈|查处|立案侦查|依法|审理|宣判|判决|裁定|责令|提醒投资者|发布风险提示|风险提示)/;
// …but in the passive (某公司被依法查处, 遭约谈, 因违规被通报) the one named is the one acted on.
const PASSIVE = /被|遭|受到|因/;

function authorityActs(after: string): boolean {
  const m = AUTHORITY_AFTER.exec(after);
  return m !== null && !PASSIVE.test(m[0]);
}
// An authority's letter or directive (市质监站发来的函, 无视住建委的发文): the one who wrote it is not accused.
const AUTHORITY_LETTER = /^(?:(?:发来|下发|印发|发出)的?|的)(?:函件?|发文|公函|批复)/;
const AUTHORITY_AROUND = /(?:被|经|由|在)\s*$/;
const SALUTATION = /^[\s\p{P}]*(?:尊敬的)?\s*$/u;
const AUTHORITY_VERB = /^[^，。；！？\n]{0,6}?(?:点名|查处|处罚|通报|约谈|立案|审理|判决|责令|查封)/;
// The one defrauded or impersonated (懒财网至少被诈骗去十几亿, 冒充某银行客服): wronged, not accused.
const VICTIM_AFTER = /^[^，。；！？\n]{0,4}?(?:被|遭|遭到|遭遇)(?:诈骗|骗|欺诈|冒充|冒用|盗用|盗刷|黑客攻击)/;
const VICTIM_BEFORE = /(?:冒充|假冒|仿冒|冒用)\s*$/;
// A landmark naming where something is (广圣大酒店4楼…, 学院西门…旁边): the place, not the one accused.
const LOCATION_AFTER =
  /^(?:[\d一二三四五六七八九十]+(?:楼|层)|旁边?|附近|对面|门口|周边|[东西南北]门|[东西南北]侧|路口|院内|楼下|楼上)/;
// An authority whose approval was skipped (在没有物价局的审批下, 未经规划局批准): the one bypassed, not accused.
const UNAPPROVED_BEFORE = /(?:没有|没|未经|未经过|未|无|不经|没经过)\s*$/;
const APPROVAL_AFTER = /^[^，。；！？\n]{0,4}?(?:审批|批准|同意|许可|批复|备案|验收)/;
// A facility being built or to be built (新建畔湖湾小学, X何时扩建, X的改扩建): the site of the works, not who did
// them.
const BUILT_BEFORE = /(?:新建|修建|扩建|兴建|改建|在建)\s*$/;
const BUILT_AFTER =
  /^\s*(?:的\s*(?:改扩建|扩建|改建)|(?:何时|什么时候|能否|可否|是否)?(?:改扩建|扩建|新建|改建|建设|开工|开建|动工))/;
// A school or neighbour suffering the nuisance (旁边就是X，影响到学生上课): the one affected, not accused.
const AFFECTED_AFTER =
  /^\s*[，,]?\s*(?:严重)?(?:影响到?|威胁到?|危及)(?:了)?(?:学生|师生|孩子|居民|业主|附近)/;
// A bank named in payment details (收款账号：…，农业银行，户名：…): where money went, not the one accused.
const PAYMENT_AFTER = /^\s*[，,：:]?\s*(?:户名|账号|账户名|卡号|开户名)/;
const PAYMENT_BEFORE = /(?:开户行|开户银行|收款银行)\s*[：:]?\s*$/;
// A site's name at the end of a headline (…-天眼原创-网贷天眼): the publisher.
const TITLE_SIGNATURE = /[-_|—–]\s*$/;

/**
 * The role of a mention at [start, end) in `text`: an `@name` or a name after 请/向/拨打 in its clause is an
 * addressee; a name after 据/来源 or before 讯/报道 is a news source; otherwise the subject (a
 * Weibo `#topic#` naming the unit says what the post is about, so it is the subject too).
 */
export function mentionRole(text: string, start: number, end: number, clauseStart: number): MentionRole {
  const before = text.slice(Math.max(clauseStart, start - 6), start);
  const after = text.slice(end, end + 16);
  if (SOURCE_BEFORE.test(before) || SOURCE_AFTER.test(after)) return 'source';
  if (TITLE_SIGNATURE.test(before) && text.slice(end).trim() === '') return 'source';
  // 对X立案侦查 makes X the one acted on.
  const object = /[对将把]\s*$/.test(before);
  if (
    ((authorityActs(after) || AUTHORITY_LETTER.test(after)) && !object) ||
    (AUTHORITY_AROUND.test(before) && AUTHORITY_VERB.test(after))
  )
    return 'source';
  if (LOCATION_AFTER.test(after) || PAYMENT_AFTER.test(after) || PAYMENT_BEFORE.test(before))
    return 'location';
  if (UNAPPROVED_BEFORE.test(before) && APPROVAL_AFTER.test(after)) return 'source';
  if (BUILT_BEFORE.test(before) || BUILT_AFTER.test(after)) return 'location';
  if (AFFECTED_AFTER.test(after)) return 'victim';
  if (VICTIM_AFTER.test(after) || VICTIM_BEFORE.test(before)) return 'victim';
  const justBefore = text.slice(Math.max(clauseStart, start - 3), start);
  if (REQUEST_BEFORE.test(justBefore)) return 'addressee';
  // 请问X是否…: a question put to X; 请问X为什么… asks X to answer for something: X is the one accused.
  if (/请问\s*$/.test(justBefore) && !WHY_AFTER.test(text.slice(end, end + 24))) return 'addressee';
  if (/向\s*$/.test(justBefore) && TO_RECIPIENT.test(text.slice(end))) return 'addressee';
  if (/[像到去找]\s*$/.test(justBefore) && COMPLAINED_TO.test(text.slice(end))) return 'addressee';
  // A letter's salutation (A市政府：…, 尊敬的X领导): the one written to.
  if (
    SALUTATION.test(text.slice(clauseStart, start)) &&
    /^\s*(?:领导)?\s*[:：]/.test(text.slice(end, end + 4))
  )
    return 'addressee';
  if (repostAuthor(text, start, end)) return 'source';
  if (atInList(text, start, end)) return 'addressee';
  return 'subject';
}

// One `@name` among several (@公安 @媒体 @银行): the post calls on them; a lone @ may be the one accused. A
// handle that goes on after the name with who was wronged or what was done (@小资钱包逾期受害人, @X维权群,
// @链金所全部假标) is an account accusing the unit, not the unit called on.
const VICTIMS_HANDLE =
  /^[^\s@:：，,]{0,6}?(?:受害|维权|难友|被骗|出借人|投资人|抱团|追债|讨债|假|骗|跑路|逾期|爆雷|暴雷|黑心|曝光|还钱)/u;

// The author of a reposted or replied-to post (//@某用户:, 回复@某用户:): who speaks, not who is spoken of.
function repostAuthor(text: string, start: number, end: number): boolean {
  if (text.charAt(start - 1) !== '@') return false;
  if (VICTIMS_HANDLE.test(text.slice(end, end + 12))) return false;
  return /^[^\s@:：，,。]{0,12}[:：]/u.test(text.slice(end, end + 14));
}

// A post that boycotts or exposes the ones it tags (抵制平安@中国平安 @平安普惠, 曝光@某平台): they are accused.
const ACCUSING_BEFORE_TAGS = /(?:抵制|曝光|声讨|谴责|控诉|揭露|揭发|状告|起诉)[^\s@，。！？:：]{0,4}$/;

function atInList(text: string, start: number, end: number): boolean {
  if (text.charAt(start - 1) !== '@') return false;
  if (VICTIMS_HANDLE.test(text.slice(end, end + 12))) return false;
  const tagsBefore = text.slice(Math.max(0, start - 60), start - 1).replace(/(?:@[^\s@:：，,。]+\s*)+$/u, '');
  if (ACCUSING_BEFORE_TAGS.test(tagsBefore)) return false;
  const around = text.slice(Math.max(0, start - 40), start + 40);
  return (around.match(/@/g) ?? []).length >= 3;
}

// What the office a complaint went to did with it: nothing (石沉大海, 置之不理, 推诿). Not 无果 (拨打热线无果):
// that tells how the writer's effort ended, not how the office behaved.
const IGNORED: readonly string[] = [
  '石沉大海',
  '杳无音信',
  '没有回音',
  '没有任何回音',
  '没有下文',
  '没有回复',
  '没有答复',
  '未予答复',
  '无人理睬',
  '无人处理',
  '不予理睬',
  '置之不理',
  '置若罔闻',
  '不了了之',
  '不管不问',
  '不闻不问',
  '推诿',
  '踢皮球',
];

/**
 * The role of a mention once the rest of its sentence is read: an office the writer already complained to
 * (向X递交举报信…而递交的资料均石沉大海) is accused of ignoring the complaint, so it is a subject after all.
 */
export function ignoredRecipient(
  text: string,
  end: number,
  sentenceEnd: number,
  role: MentionRole,
): MentionRole {
  if (role !== 'addressee') return role;
  const rest = text.slice(end, Math.max(end, sentenceEnd));
  return IGNORED.some((w) => rest.includes(w)) ? 'subject' : role;
}
