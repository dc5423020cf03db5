// Shared test data: the demo round of DEMO_SPEC.md, a few lexicon terms, and Chinese texts written for tests.
import { loadLexicon } from '../../config/lexicon.js';
import { loadRiskModel, riskModelPath } from '../../config/risk-model-file.js';
import { type Keyword, type RoundConfig, roundSchema } from '../../config/schema.js';
import { clauseBounds, sentenceBounds } from '../../pipeline/clauses.js';
import { createProcessor, type Processor } from '../../pipeline/process.js';
import { assess } from '../../pipeline/score.js';
import type { Field } from '../../pipeline/score-inputs.js';
import { createJiebaSegmenter } from '../../pipeline/segmenter.js';
import { matchUnits } from '../../pipeline/units.js';
import { userDictionary } from '../../pipeline/user-dictionary.js';
import { writeConfigDir } from '../config/fixture.js';

export { DEMO_ROUND, PLANTED_TITLE } from '../helpers/demo-round.js';

/**
 * The production pipeline for one round: the shipped lexicon and, unless `rulesOnly`, the shipped fitted
 * risk model (config/model/risk-model.json), as the app loads them at start.
 */
export async function shippedProcessor(round: RoundConfig, rulesOnly = false): Promise<Processor> {
  const lexicon = await loadLexicon(await writeConfigDir(), { env: {} });
  return createProcessor({
    rounds: [round],
    lexicon,
    segmenter: createJiebaSegmenter(userDictionary([round], lexicon)),
    timezone: 'Asia/Shanghai',
    // The ad-hoc round lists no sources: score every item for it, as `yuqing eval` does.
    roundsOf: 'all',
    ...(!rulesOnly && { model: loadRiskModel(riskModelPath()) }),
  });
}

/** An ad-hoc round watching the given names, as `yuqing eval` builds one per item (ids u0, u1, …). */
export const namedRound = (...names: string[]): RoundConfig =>
  roundSchema.parse({ id: 'r', name: 'r', units: names.map((name, i) => ({ id: `u${i}`, name })) });

/** The one unit of `name` as the shipped lexicon scores it in `body` (and `title`). */
export async function shippedUnit(name: string, body: string, title = '') {
  const lexicon = await loadLexicon(await writeConfigDir(), { env: {} });
  const r = namedRound(name);
  return assess({ round: r, lexicon, title, body, units: matchUnits(r, title, body) }).units[0];
}

/** The categories of a scored unit's term parts. */
export const termCategories = (u: Awaited<ReturnType<typeof shippedUnit>>) =>
  (u?.parts ?? []).filter((p) => p.kind === 'term').map((p) => p.category);

/** A body text with its sentence and clause boundaries, as the scorer sees it. */
export const bodyField = (text: string): Field => ({
  where: 'body',
  text,
  sentences: sentenceBounds(text),
  clauses: clauseBounds(text),
});

/** A few lexicon terms of the kind config/lexicon/default.yaml holds. */
export const SMALL_LEXICON: Keyword[] = [
  { term: '收费', category: '侵害群众利益', weight: 2 },
  { term: '举报', category: '信访举报', weight: 3 },
  { term: '信访', category: '信访举报', weight: 3 },
  { term: '索要好处费', category: '腐败', weight: 10 },
  { term: '推诿扯皮', category: '作风', weight: 6 },
  { term: '不作为', category: '作风', weight: 6 },
  { term: '拖欠农民工工资', category: '侵害群众利益', weight: 8 },
  { term: '无人处理', category: '作风', weight: 4 },
];

/** A strongly negative forum post about 明州市住建局 in the spirit of the demo's planted thread (~600 chars). */
export const PLANTED_BODY = [
  '本人是明州市东城街道的一名普通居民，今天实名举报明州市住房和城乡建设局个别工作人员的问题。',
  '去年八月，我们小区三十多户业主申请老旧小区加装电梯的审批手续，材料按照要求一次次补齐，可是窗口的工作人员总说还差一个章，让我们回去等通知。',
  '后来有人私下告诉我们，不给“辛苦费”就别想办下来。一位姓王的科长当面向业主代表索要好处费，开口就是每户两千元，说这是惯例，不交就继续拖着。',
  '除此之外，市住建局还以“技术审查费”“资料整理费”的名义违规收费，收了钱却不开正规票据，我们问收费依据，对方一句“上面规定的”就把人打发了。',
  '更让人寒心的是，给我们小区施工的那家公司拖欠农民工工资长达半年，十几名工人堵在工地门口讨薪，住建部门的人来了一趟，拍了几张照片就走了，再也没有下文。',
  '我们先后打了十几次12345热线，写了三封信访材料，到市住建局信访窗口跑了不下五趟，每次都是推诿扯皮，今天说归街道管，明天说归区里管，到现在没有任何答复。',
  '有业主在窗口据理力争，工作人员竟然拍着桌子说“有本事你去告”，旁边排队的群众都看不下去。',
  '群众多次信访举报无人处理，这种吃拿卡要、不作为、慢作为的作风，严重损害了政府部门在老百姓心中的形象。',
  '希望上级部门和巡察组能够重视，认真调查核实，给我们老百姓一个说法，也还办事群众一个公道。以上情况均属实，本人愿意配合调查，联系方式可以提供给有关部门。',
].join('\n');

/** Another complaint on the same topic and unit, written independently (not a repost). */
export const OTHER_TITLE = '明州住建局办事窗口收费不透明，业主多次投诉';
export const OTHER_BODY = [
  '近日，家住明州市西湖花园的李女士向本报反映，她在办理房屋产权变更时遇到了不少麻烦。',
  '李女士说，按照网上公布的办事指南，产权变更只需要缴纳登记费，但在明州住建局的办事大厅，工作人员又要求她另外交一笔“档案查询费”和“加急服务费”，合计八百多元。',
  '她询问这两项收费的依据，工作人员表示是内部规定，不能提供书面文件。李女士拨打了投诉电话，一周后才有人回电，答复说会向有关科室了解情况。',
  '记者随后走访了办事大厅，发现收费公示栏里并没有列出上述两个项目。多名正在排队的市民也表示，类似的额外收费在这里并不少见，有的人为了尽快拿到证件只能选择交钱。',
  '一位不愿透露姓名的律师认为，行政机关收取费用必须有明确的法律法规依据，擅自设立收费项目属于乱收费行为，群众可以向价格主管部门和纪检监察机关反映。',
  '截至发稿时，记者多次拨打明州住建局办公室电话，均无人接听。本报将继续关注此事的进展，也欢迎知情读者提供线索。',
].join('\n');
