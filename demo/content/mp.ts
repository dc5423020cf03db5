import { PLANTED_PARAGRAPHS, PLANTED_TITLE } from './planted.js';
import type { DemoItem } from './types.js';

/** Public-account (公众号) articles published through /feed.xml and served at /mp/s/<id>. */
export const MP_ITEMS: readonly DemoItem[] = [
  {
    id: 'a8Kq3ZtR7wLmXe2N',
    section: 'mp',
    path: '/mp/s/a8Kq3ZtR7wLmXe2N',
    title: `关注｜${PLANTED_TITLE}`,
    paragraphs: ['网友在明州论坛发帖反映：', ...PLANTED_PARAGRAPHS],
    minutesAgo: 150,
    dateStyle: 'cn-minute',
    source: '明州观察',
    column: '民生关注',
    author: '观察君',
  },
  {
    id: 'Hc2Vn5pYx9QeT4bW',
    section: 'mp',
    path: '/mp/s/Hc2Vn5pYx9QeT4bW',
    title: '青石镇：小山村走出“共富路”，银杏古道引来八方客',
    paragraphs: [
      '初冬时节，青石镇银杏古道游人如织。谁能想到，几年前这里还是一条坑坑洼洼的山路。',
      '近年来，青石镇人民政府把乡村旅游作为强村富民的重要抓手，先后完成古道修缮、停车场建设和村庄环境整治，引导村民开办民宿、农家乐四十余家，带动三百多名村民在家门口就业。',
      '“以前种地一年到头挣不了几个钱，现在开了民宿，旺季天天客满。”银杏村村民老方笑着说。今年前十个月，青石镇共接待游客三十二万人次，实现旅游收入一亿多元。',
      '下一步，青石镇将继续做好“银杏+”文章，办好银杏文化节，推动农文旅深度融合，让更多村民共享发展成果。',
    ],
    minutesAgo: 2000,
    dateStyle: 'cn-minute',
    source: '明州发布',
    column: '区县风采',
    author: '明州发布',
  },
];
