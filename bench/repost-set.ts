// The repost test set (issue 19), made at run time by transforming real articles: each family is one story
// (an original and its reposts); negative items share a quoted notice or a boilerplate paragraph with another
// story, or are the same topic but a different article. Nothing here is copied into the repository.
import iconv from 'iconv-lite';
import { seededRandom } from './timing.js';

/** One item of the set: its story (family) and what it is made of. */
export interface RepostItem {
  family: string;
  kind: string;
  title: string;
  body: string;
}

/** Generic reprint phrasing; the text they wrap is always a real article. */
const LEAD_INS = [
  '近日，有网友在本地论坛发帖反映以下情况，引发不少关注。',
  '据网友爆料，以下内容在多个微信群中流传，记者对此进行了梳理。',
  '【网友来信】以下为网友来信原文，本报已转交有关部门核实。',
];
const TRAILERS = [
  '对此你怎么看？欢迎在评论区留言，说说你的看法。觉得有用就点个“在看”吧！',
  '本报将持续关注此事进展。如您有相关线索，欢迎拨打新闻热线反映。',
];
const TEMPLATE_LINES = ['责任编辑：王某某', '版权声明：本文为本站原创，未经授权不得转载，违者必究。'];

/** The originals: even families the article's first paragraphs (a post of a few hundred characters), odd the whole. */
export function originals(texts: readonly string[][]): { family: string; paragraphs: string[] }[] {
  return texts.map((paragraphs, i) => {
    if (i % 2 === 1) return { family: `f${i}`, paragraphs: [...paragraphs] };
    const post: string[] = [];
    for (const p of paragraphs) {
      post.push(p);
      if (post.join('').length >= 300 && post.length >= 2) break;
    }
    return { family: `f${i}`, paragraphs: post };
  });
}

/** Every transformed copy of an original, each a different repost shape. */
export function reposts(
  paragraphs: readonly string[],
  other: readonly string[],
  random: () => number,
): { kind: string; body: string }[] {
  const join = (ps: readonly string[]) => ps.join('\n');
  const text = join(paragraphs);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;
  const truncated = Array.from(text)
    .slice(0, Math.ceil(Array.from(text).length * 0.6))
    .join('');
  const note = `编者按：${(other[0] ?? '').slice(0, 80)}`;
  const shuffled = [...paragraphs].sort(() => random() - 0.5);
  const gbk = iconv.decode(iconv.encode(text, 'gbk'), 'gbk');
  return [
    { kind: 'lead-in', body: join([pick(LEAD_INS), ...paragraphs]) },
    { kind: 'trailer', body: join([...paragraphs, pick(TRAILERS)]) },
    { kind: '编者按', body: join([note, ...paragraphs]) },
    { kind: 'truncated-60', body: truncated },
    { kind: 'new-headline', body: text },
    { kind: 'reorder', body: join(shuffled.length > 1 ? shuffled : paragraphs) },
    {
      kind: 'template',
      body: join([`　　${paragraphs.join('　　')}`, ...TEMPLATE_LINES, '相关阅读', ...other.slice(0, 2)]),
    },
    {
      kind: 'encoding',
      body: gbk
        .replace(/，/g, ',')
        .replace(/。/g, '. ')
        .replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)),
    },
    { kind: 'lead-in+trailer', body: join([pick(LEAD_INS), ...paragraphs, pick(TRAILERS)]) },
  ];
}

/**
 * The whole set from real texts: per family the original and its reposts; then negatives: pairs of stories
 * that quote the same notice paragraph (taken from a third article) or carry the same boilerplate paragraph.
 */
export function repostSet(texts: readonly string[][], seed = 19): RepostItem[] {
  const random = seededRandom(seed);
  const families = originals(texts);
  const items: RepostItem[] = [];
  families.forEach((f, i) => {
    const other = families[(i + 1) % families.length]?.paragraphs ?? [];
    items.push({ family: f.family, kind: 'original', title: `原文${i}`, body: f.paragraphs.join('\n') });
    for (const r of reposts(f.paragraphs, other, random)) {
      items.push({ family: f.family, kind: r.kind, title: `转载${i}-${r.kind}`, body: r.body });
    }
  });
  // Negatives: two different articles' own paragraphs around one shared paragraph of a third.
  for (let i = 0; i + 2 < texts.length; i += 3) {
    const [a, b, c] = [texts[i] ?? [], texts[i + 1] ?? [], texts[i + 2] ?? []];
    const shared = c.reduce((best, p) => (p.length > best.length ? p : best), '');
    const own = (ps: readonly string[]) => ps.slice(-3);
    for (const [kind, placed] of [
      [
        'quoted-notice',
        (ps: readonly string[]) => [...own(ps).slice(0, 1), `通知原文如下：${shared}`, ...own(ps).slice(1)],
      ],
      ['boilerplate', (ps: readonly string[]) => [...own(ps), shared]],
    ] as const) {
      items.push({ family: `n${i}-${kind}-a`, kind, title: `负例${i}a`, body: placed(a).join('\n') });
      items.push({ family: `n${i}-${kind}-b`, kind, title: `负例${i}b`, body: placed(b).join('\n') });
    }
  }
  return items;
}
