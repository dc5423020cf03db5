// Abbreviations derived from a unit's full name: the place prefix and the organisation's common short form.

/** Full organisation names and their usual short forms (住房和城乡建设局 → 住建局). */
const ORG_SHORT: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['住房和城乡建设局', ['住建局']],
  ['住房城乡建设局', ['住建局']],
  ['住房和城乡建设委员会', ['住建委']],
  ['市场监督管理局', ['市场监管局']],
  ['人力资源和社会保障局', ['人社局']],
  ['人力资源和社会保障厅', ['人社厅']],
  ['自然资源和规划局', ['自然资源局', '资规局']],
  ['发展和改革委员会', ['发改委']],
  ['发展和改革局', ['发改局']],
  ['卫生健康委员会', ['卫健委']],
  ['卫生和计划生育委员会', ['卫计委']],
  ['生态环境局', ['环保局', '环境局']],
  ['农业农村局', ['农业局']],
  ['交通运输局', ['交通局']],
  ['文化和旅游局', ['文旅局']],
  ['文化广电和旅游局', ['文广旅局']],
  ['应急管理局', ['应急局']],
  ['城市管理局', ['城管局']],
  ['城市管理综合行政执法局', ['城管局', '城管执法局']],
  ['综合行政执法局', ['综合执法局']],
  ['医疗保障局', ['医保局']],
  ['退役军人事务局', ['退役军人局']],
  ['科学技术局', ['科技局']],
  ['工业和信息化局', ['工信局']],
  ['行政审批服务局', ['行政审批局']],
  ['国有资产监督管理委员会', ['国资委']],
  ['纪律检查委员会', ['纪委']],
  ['人民代表大会常务委员会', ['人大常委会']],
  ['人民政府', ['政府']],
  ['人民法院', ['法院']],
  ['人民检察院', ['检察院']],
  ['轨道交通', ['轨道']],
  ['公共交通', ['公交']],
  ['城市建设投资', ['城投']],
  ['公安局', []],
  ['教育局', []],
  ['财政局', []],
  ['民政局', []],
  ['税务局', []],
];

// A company's legal suffix and the trade words between its brand and that suffix.
const COMPANY_SUFFIX = /(?:集团)?(?:股份有限公司|有限责任公司|有限公司|公司)$/;
const TRADE_WORDS =
  /(?:金融信息服务|互联网金融信息服务|电子商务|网络科技|信息科技|信息技术|金融服务|投资管理|资产管理|企业管理咨询|管理咨询|电子科技|科技|投资|控股|实业|贸易)+$/;
const PLACE_LEVEL = '省|自治区|市|自治州|州|地区|盟|县|区|旗|镇|乡|街道|村|社区';
/** A place name: 1–4 characters (no conjunctions) and a level suffix. */
// The lookahead keeps 明州市 whole instead of reading 明州 as a 州.
const PLACE = new RegExp(`^([^和与及的\\s（(]{1,4}?)(${PLACE_LEVEL})(?![市区县镇乡])`);

/** A place at the start of a unit's name. */
export interface PlacePart {
  /** The full place, e.g. 明州市. */
  text: string;
  /** The place without its level, e.g. 明州. */
  stem: string;
  /** The level, e.g. 市. */
  level: string;
}

/** The place chain at the start of a name and the rest: 明州市住房和城乡建设局 → [明州市], 住房和城乡建设局. */
export function splitPlaces(name: string): { places: PlacePart[]; rest: string } {
  const places: PlacePart[] = [];
  let rest = name;
  for (;;) {
    // A known organisation name is never read as a place (住房和城乡… would otherwise end at 乡).
    if (ORG_SHORT.some(([full]) => rest.startsWith(full))) break;
    const m = PLACE.exec(rest);
    if (!m || m[0].length >= rest.length - 1) break;
    places.push({ text: m[0], stem: m[1] ?? '', level: m[2] ?? '' });
    rest = rest.slice(m[0].length);
  }
  return { places, rest };
}

/** A name derived from a unit's full name, and whether it may only count where the unit's place is named. */
export interface DerivedName {
  text: string;
  /** A bare organisation name (住建局): it counts only when the text names the unit's place. */
  needsPlace: boolean;
}

function shortForms(org: string): string[] {
  const out = [org];
  for (const [full, shorts] of ORG_SHORT) {
    if (org.endsWith(full)) {
      const head = org.slice(0, org.length - full.length);
      out.push(...shorts.map((s) => head + s));
    }
  }
  return out;
}

function companyBrand(rest: string): string | undefined {
  if (!COMPANY_SUFFIX.test(rest)) return undefined;
  const noSuffix = rest.replace(COMPANY_SUFFIX, '').replace(/[（(][^）)]*[）)]/g, '');
  const brand = noSuffix.replace(TRADE_WORDS, '');
  if (brand.length >= 2) return brand;
  return noSuffix.length >= 2 ? noSuffix : undefined;
}

/**
 * Abbreviations of a full name: 明州市住房和城乡建设局 → 市住建局, 明州住建局, 明州市住建局, 住建局 (the last
 * only where the place is named); a company's brand (上海联璧电子科技有限公司 → 联璧). The name itself is not
 * included.
 */
export function deriveNames(name: string): DerivedName[] {
  const { places, rest } = splitPlaces(name.replace(/\s+/g, ''));
  const out = new Map<string, boolean>();
  const add = (text: string, needsPlace: boolean) => {
    if (text.length < 2 || text === name) return;
    // A name both bare and prefixed keeps the looser rule.
    out.set(text, (out.get(text) ?? true) && needsPlace);
  };
  const brand = companyBrand(rest);
  if (brand !== undefined) add(brand, false);
  const inner = places[places.length - 1];
  for (const org of shortForms(rest)) {
    if (inner === undefined) {
      if (org !== rest) add(org, false);
      continue;
    }
    add(inner.text + org, false);
    if (inner.stem.length >= 2) add(inner.stem + org, false);
    // 市住建局 reads as "the city's bureau" only for city/county/district level places.
    if (/^(?:市|县|区|省)$/.test(inner.level)) add(inner.level + org, false);
    if (org.length >= 3) add(org, true);
  }
  return [...out].map(([text, needsPlace]) => ({ text, needsPlace }));
}

/** The texts that name a unit's place (明州市, 明州), for the place-context rule. */
export function placeContext(name: string): string[] {
  const { places } = splitPlaces(name);
  return places.flatMap((p) => (p.stem.length >= 2 ? [p.text, p.stem] : [p.text]));
}

/** A place name (with its level) ending right before `offset`: 明湖区 in 明湖区住建局. */
export function placeBefore(text: string, offset: number): string | undefined {
  const head = text.slice(Math.max(0, offset - 8), offset);
  const m = new RegExp(`([^\\s，。、；：！？,.;:!?（）()“”"]{1,5}?(?:${PLACE_LEVEL}))$`).exec(head);
  return m?.[1];
}

// What may stand around a brand inside the same organisation's longer name: a place or bracketed place before
// it, a legal form, trade words or 网/平台 after it (钱宝 → 钱宝网, 资易贷 → 北京资易贷金融信息服务有限公司).
const SAME_ORG_HEAD = /^(?:[^\p{L}\p{N}]*|[（(][^）)]*[）)]|\p{Script=Han}{2,3}?(?:省|市|区|县)?)$/u;
const SAME_ORG_TAIL =
  /^(?:[（(][^）)]*[）)]|股份|集团|控股|网|平台|系|有限责任公司|有限公司|公司|金融信息服务|互联网金融信息服务|信息服务|金融服务|电子商务|网络科技|信息科技|信息技术|电子科技|投资管理|资产管理|企业管理咨询|管理咨询|科技|投资|实业|贸易)*$/u;

/**
 * Whether `long` is the same organisation as `short` written out in full (钱宝 and 钱宝网, 资易贷 and 北京资易贷
 * 金融信息服务有限公司), not a subordinate unit or another organisation bearing its name (A5区教育局基础教育科,
 * 中建五局第三建设有限公司).
 */
export function sameOrganisation(short: string, long: string): boolean {
  const at = long.indexOf(short);
  if (short.length < 2 || at === -1 || short === long) return false;
  return SAME_ORG_HEAD.test(long.slice(0, at)) && SAME_ORG_TAIL.test(long.slice(at + short.length));
}

// A name's short form given in brackets right after it: 北京资易贷金融信息服务有限公司（简称小资钱包）,
// …公司(以下简称"美信资产"), 资易贷(小资钱包), 钱爸爸电子商务有限公司(钱爸爸平台).
const DECLARED_SHORT =
  /^\s*[（(]\s*(以下简称|以下称|下称|简称|以下统称)?[:：]?\s*[“"「『]?([^）)“”"」』，,、；;：:\s]{2,12}?)(?:平台)?[”"」』]?\s*[）)]/u;
// Bracketed words that are not a short name: a generic noun, a place, a stock code or a date.
const NOT_SHORT = new RegExp(
  `^(?:本?公司|该公司|平台|集团|本行|银行|原名.*|.*(?:${PLACE_LEVEL}))$|^[\\d.A-Za-z-]*\\d[\\d.A-Za-z-]*$`,
);

/** The short form a text gives in brackets for the name ending at `end` (…公司（以下简称美信资产）), if any. */
export function declaredShortName(text: string, end: number): string | undefined {
  const m = DECLARED_SHORT.exec(text.slice(end, end + 30));
  const short = m?.[2];
  if (short === undefined || NOT_SHORT.test(short)) return undefined;
  // Without 简称, a bracketed two-character word is as likely a place (北京) as a short name.
  return m?.[1] !== undefined || short.length >= 3 ? short : undefined;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether a text names `parent` as the owner of `child` (资易贷…公司旗下“小资钱包”平台, 斐讯旗下的联璧金融,
 * 小灰熊…原来是中军国储旗下的): a group is answerable for the platform it runs.
 */
export function namedAsOwner(text: string, parent: string, child: string): boolean {
  if (parent === child || !text.includes(parent) || !text.includes(child)) return false;
  const [p, c] = [escapeRegex(parent), escapeRegex(child)];
  return (
    new RegExp(`${p}\\s*(?:旗下|控股)(?:的)?\\s*[“"「『#]?${c}`).test(text) ||
    new RegExp(`${c}[^。！？\\n]{0,20}?(?:是|为|系)${p}(?:旗下|控股|的子公司)`).test(text)
  );
}
