import { PLANTED_PARAGRAPHS, PLANTED_TITLE } from './planted.js';
import type { DemoItem } from './types.js';

/** Threads of the 明州论坛 board 民生杂谈 (/forum/). */
export const FORUM_ITEMS: readonly DemoItem[] = [
  {
    id: '1001',
    section: 'forum',
    path: '/forum/thread-1001.html',
    title: PLANTED_TITLE,
    paragraphs: PLANTED_PARAGRAPHS,
    minutesAgo: 300,
    dateStyle: 'iso-seconds',
    source: '明州论坛',
    column: '民生杂谈',
    author: '讨薪的老刘',
    replies: [
      { author: '东港小陈', minutesAgo: 290, text: '支持楼主！违规收费这种事必须一查到底。' },
      {
        author: '城西搬砖人',
        minutesAgo: 270,
        text: '同样在明州做工程，深有体会，办个验收跑断腿，不“意思意思”根本动不了。',
      },
      { author: 'mz_路人甲', minutesAgo: 240, text: '帮顶，已转给朋友了，希望有关部门尽快回应。' },
      {
        author: '热心网友阿杰',
        minutesAgo: 200,
        text: '楼主把材料整理好，可以直接到市纪委监委的网上举报平台反映，别只在论坛说。',
      },
    ],
  },
  {
    id: '1002',
    section: 'forum',
    path: '/forum/thread-1002.html',
    title: '周末带娃去青石镇看银杏，人少景美，附自驾攻略',
    paragraphs: [
      '上周六带娃去了趟青石镇，银杏正好黄透了，古道两边金灿灿的一片，拍照特别出片。分享一下路线和注意事项，给想去的朋友参考。',
      '自驾从市区走西环高速，青石出口下来再开二十分钟就到。镇上去年新修了游客停车场，就在青石镇政府斜对面，停车免费，还有干净的公共厕所。',
      '推荐一定要去老街尝尝青石豆腐和桂花糕，价格很实在。镇里的游客服务中心有免费的导览图，工作人员很热情，还给小朋友送了银杏书签。',
      '总体感觉青石镇这两年变化挺大，路修好了，村里也干净了。建议早上九点前到，十点以后人就多起来了。',
    ],
    minutesAgo: 200,
    dateStyle: 'relative',
    source: '明州论坛',
    column: '民生杂谈',
    author: '爱旅行的朵朵妈',
    replies: [
      { author: '青石土著', minutesAgo: 150, text: '欢迎来玩！下个月还有银杏文化节，更热闹。' },
      { author: '周末不加班', minutesAgo: 90, text: '收藏了，这周末就去。' },
    ],
  },
  {
    id: '1003',
    section: 'forum',
    path: '/forum/thread-1003.html',
    title: '求助：新市民住房租赁补贴怎么申请？需要哪些材料？',
    paragraphs: [
      '去年来明州工作，一直在城南租房住。听同事说今年新市民可以申请住房租赁补贴，想问下有没有申请过的朋友，需要准备哪些材料？社保要交满多久？',
      '另外想问一下，线上申请和去窗口办理哪个更快一些？先谢谢大家了！',
    ],
    minutesAgo: 1440,
    dateStyle: 'yesterday',
    source: '明州论坛',
    column: '民生杂谈',
    author: '新明州人小吴',
    replies: [
      {
        author: '过来人',
        minutesAgo: 1400,
        text: '市住建局前几天刚发了通知，社保满六个月就行，带身份证、劳动合同和租赁合同。',
      },
      {
        author: '城南租客',
        minutesAgo: 1300,
        text: '我是在“明州政务服务”上线上申请的，一周左右就审核通过了，挺方便。',
      },
    ],
  },
];
