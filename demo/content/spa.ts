import type { DemoItem } from './types.js';

/** Messages of the JavaScript-rendered 明州市民留言板 (/spa/); replies are official answers. */
export const SPA_ITEMS: readonly DemoItem[] = [
  {
    id: '4001',
    section: 'spa',
    path: '/spa/4001.html',
    title: '投诉食品安全问题一个多月，市市场监管局迟迟没有答复',
    paragraphs: [
      '10月中旬，我在城北一家连锁超市买了一盒熟食，回家后发现已经过期变质，家里老人吃了之后腹泻去了医院。当天我就拨打了12345热线，并通过网上平台向市市场监管局投诉，附上了购物小票、商品照片和就医记录。',
      '投诉提交到现在已经一个多月了，除了收到一条“已受理”的短信，再也没有任何消息。我打电话询问了三次，每次都说“正在调查处理”，问什么时候有结果，工作人员也说不清楚。',
      '食品安全关系到每个家庭，这家超市卖过期食品的问题如果不及时查处，还会有更多人受害。希望市市场监管局能够重视群众投诉，尽快调查处理并给出答复，不要让投诉石沉大海。',
    ],
    minutesAgo: 120,
    dateStyle: 'relative',
    source: '明州市民留言板',
    column: '投诉',
    author: '城北居民',
    replies: [
      {
        author: '留言办理状态',
        minutesAgo: 60,
        text: '您的留言已转交明州市市场监督管理局办理，目前处于办理中，请耐心等待答复。',
      },
    ],
  },
  {
    id: '4002',
    section: 'spa',
    path: '/spa/4002.html',
    title: '建议增开青石镇至市区的早班公交',
    paragraphs: [
      '我是青石镇的上班族，每天要到市区上班。目前青石镇开往市区的第一班公交是早上六点五十，到市区已经快八点了，经常迟到。建议增开一班六点二十左右的早班车，方便和我一样早出门的群众。',
    ],
    minutesAgo: 1440,
    dateStyle: 'yesterday',
    source: '明州市民留言板',
    column: '建议',
    author: '青石通勤族',
    replies: [
      {
        author: '明州市交通运输局',
        minutesAgo: 600,
        text: '您好！感谢您的建议。经调研，我局已协调公交公司自下月起在青石镇至市区线路增开6:20早班车，具体时刻请关注公交站牌公告。',
      },
    ],
  },
];
