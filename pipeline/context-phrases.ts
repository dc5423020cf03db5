// Document-level phrases that lower risk: refutation and official publicity.

/** Phrases that refute or deny a report (辟谣, 经核实…); each distinct one lowers the score. */
export const REFUTATION_PHRASES: readonly string[] = [
  '辟谣',
  '谣言',
  '不实信息',
  '消息不实',
  '内容不实',
  '情况不实',
  '反映不实',
  '举报不实',
  '经核实',
  '经调查核实',
  '未发现',
  '不存在',
  '纯属捏造',
  '纯属虚构',
  '并非事实',
  '与事实不符',
  '澄清',
];
/** Points of each distinct refutation phrase. */
export const REFUTATION_POINTS = -15;
/** How many distinct refutation phrases count. */
export const REFUTATION_CAP = 2;

/**
 * Markers of official publicity about achievements (成效, 经验做法…) and of the official register in which
 * such reports are written (聚焦, 构建…机制, 全面从严治党…); complaints rarely use them, and each distinct one
 * lowers the risk a little. They outweigh the many misconduct words an article about inspection work names.
 */
export const PUBLICITY_PHRASES: readonly string[] = [
  '成效',
  '取得积极成效',
  '取得明显成效',
  '取得实效',
  '经验做法',
  '典型经验',
  '表彰',
  '先进集体',
  '先进个人',
  '获评',
  '荣获',
  '高质量发展',
  '扎实推进',
  '有力抓手',
  '稳步推进',
  '持续深化',
  '不断提升',
  '全面加强',
  '圆满完成',
  '再上新台阶',
  '走深走实',
  '提质增效',
  '赋能',
  '助推',
  '聚焦',
  '构建',
  '健全',
  '闭环',
  '一体化',
  '统筹',
  '织密',
  '贯彻落实',
  '深入贯彻',
  '新时代',
  '全面从严治党',
  '政治监督',
  '推动解决',
  '常态长效',
  '以案促改',
  '教你',
  '小编',
];
/** Points of each distinct publicity marker. */
export const PUBLICITY_POINTS = -5;
/** How many distinct publicity markers count. */
export const PUBLICITY_CAP = 10;
