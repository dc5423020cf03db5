import { it } from 'vitest';
import { createJiebaSegmenter } from '../../pipeline/segmenter.js';
import { simhash64, hammingDistance } from '../../pipeline/simhash.js';
import { userDictionary } from '../../pipeline/user-dictionary.js';
import { DEMO_ROUND, SMALL_LEXICON, PLANTED_TITLE, PLANTED_BODY, OTHER_TITLE, OTHER_BODY } from '../../test/pipeline/fixtures.js';
it('x', () => {
  const seg = createJiebaSegmenter(userDictionary([DEMO_ROUND], SMALL_LEXICON));
  console.log(PLANTED_BODY.length, OTHER_BODY.length);
  const a = `${PLANTED_TITLE}\n${PLANTED_BODY}`;
  const reposts = [`${PLANTED_TITLE}\n网友在明州论坛发帖反映：\n${PLANTED_BODY}`, `${PLANTED_TITLE}\n${PLANTED_BODY}\n（本文来源：明州论坛，编辑：张三）`, `转：${PLANTED_TITLE}\n编者按：近日一则网帖引发关注，以下为原文。\n${PLANTED_BODY}`];
  const b = `${OTHER_TITLE}\n${OTHER_BODY}`;
  const sh = (toks: string[]) => simhash64(toks);
  const sh2 = (toks: string[]) => simhash64(toks.slice(1).map((t, i) => `${toks[i]} ${t}`));
  for (const [name, f] of [['tok', sh], ['shingle', sh2]] as const) {
    const ha = f(seg.cut(a));
    console.log(name, reposts.map((r) => hammingDistance(ha, f(seg.cut(r)))), hammingDistance(ha, f(seg.cut(b))));
  }
});
