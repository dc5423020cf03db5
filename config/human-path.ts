// Chinese, 1-based names of places inside config files (第 2 个单位的名称), for the admin who edits them.

/** Which config file a path belongs to. */
export type FileKind = 'settings' | 'sources' | 'channels' | 'round' | 'lexicon' | 'recurrence';

/** How to name one level of a config tree: fixed keys, list items (1-based) or free map keys. */
interface Node {
  keys?: Readonly<Record<string, Label>>;
  /** Items of a list: `第 n 个单位`. */
  item?: { noun: string; measure?: string; node?: Node };
  /** Keys of a free map (channel names, team names). */
  entry?: { noun: string; node?: Node };
  /** The children's names say it all (进驻阶段的开始日期, not 巡察阶段的进驻阶段的开始日期). */
  fold?: boolean;
}
type Label = string | [string, Node];

const WINDOW: Node = { keys: { start: '开始日期', end: '结束日期' } };
const WORDS = (noun: string): Label => [noun, { item: { noun } }];

const KEYWORD: Node = {
  keys: {
    term: '词语',
    category: '类别',
    weight: '权重',
    phases: WORDS('阶段'),
    must: WORDS('必含词'),
    exclude: WORDS('排除词'),
    near: '距离',
  },
};

const ROUTE: Node = {
  keys: {
    minLevel: '最低等级',
    channels: WORDS('渠道'),
    to: '推送对象',
    units: WORDS('单位编号'),
    teams: WORDS('巡察组'),
    phases: WORDS('阶段'),
    digest: '汇总时间',
    realert: '重复预警间隔',
  },
};

const UNIT: Node = {
  keys: {
    id: '编号',
    name: '名称',
    aliases: WORDS('别名'),
    exclude: WORDS('排除名称'),
    people: WORDS('人员'),
    team: '巡察组',
    kind: '类型',
    derive: '自动派生简称',
    children: [
      '下属单位',
      { item: { noun: '下属单位', node: { keys: { name: '名称', aliases: WORDS('别名') } } } },
    ],
  },
};

const ROUND: Node = {
  keys: {
    id: '轮次编号',
    name: '轮次名称',
    active: '启用',
    phases: [
      '巡察阶段',
      {
        fold: true,
        keys: {
          entry: ['进驻阶段', WINDOW],
          feedback: ['反馈阶段', WINDOW],
          rectification: ['整改阶段', WINDOW],
        },
      },
    ],
    units: ['单位', { item: { noun: '单位', node: UNIT } }],
    keywords: ['关注词', { item: { noun: '关注词', node: KEYWORD } }],
    sources: WORDS('信息源'),
    intensify: ['加密监测', { keys: { afterEntryDays: '进驻后天数', afterFeedbackDays: '反馈后天数' } }],
    alerts: ['推送规则', { item: { noun: '推送规则', measure: '条', node: ROUTE } }],
    levels: [
      '等级分数线',
      {
        fold: true,
        keys: {
          red: '红色分数线',
          orange: '橙色分数线',
          yellow: '黄色分数线',
          redMinTermWeight: '红色最低词权重',
        },
      },
    ],
  },
};

const SELECTORS: Node = { keys: { title: '标题选择器', time: '时间选择器', body: '正文选择器' } };
const SCHEDULE: Node = {
  keys: {
    default: '默认',
    entry: '进驻阶段',
    feedback: '反馈阶段',
    rectification: '整改阶段',
    intensified: '加密期',
    outside: '阶段外',
  },
};

const SOURCE: Node = {
  keys: {
    id: '编号',
    name: '名称',
    type: '类型',
    url: '网址',
    schedule: ['采集计划', SCHEDULE],
    enabled: '启用',
    list: ['列表页', { keys: { item: '条目选择器', next: '下一页选择器', maxPages: '最多页数' } }],
    article: ['文章页', SELECTORS],
    forum: [
      '论坛帖子页',
      { keys: { post: '楼层选择器', content: '内容选择器', author: '作者选择器', time: '时间选择器' } },
    ],
    json: [
      '接口字段',
      { keys: { items: '条目路径', title: '标题路径', url: '网址路径', time: '时间路径', body: '正文路径' } },
    ],
    encoding: '编码',
    respectRobotsTxt: '遵守 robots.txt',
    reason: '理由',
    maxItems: '每轮最多条数',
    delaySecs: '请求间隔秒数',
    proxy: '代理',
    userAgent: 'User-Agent',
    useFeedContent: '直接使用订阅全文',
    waitFor: '等待元素',
    scroll: '滚动次数',
    queries: '每轮搜索次数',
    riskTerms: WORDS('组合搜索词'),
    weight: '权重',
  },
};

const CHANNEL: Node = {
  keys: {
    type: '类型',
    to: WORDS('收件人'),
    from: '发件人',
    smtp: 'SMTP 地址',
    url: '网址',
    secret: '密钥',
  },
};

const SETTINGS: Node = {
  keys: {
    timezone: '时区',
    dataDir: '数据目录',
    store: [
      '存储',
      {
        keys: {
          type: '类型',
          path: '数据库文件',
          node: ['节点地址', { item: { noun: '节点地址' } }],
          auth: ['认证', { keys: { apiKey: 'API 密钥', username: '用户名', password: '密码' } }],
          tls: ['TLS', { keys: { caFingerprint: 'CA 指纹', ca: 'CA 证书文件' } }],
          indexPrefix: '索引前缀',
        },
      },
    ],
    instance: ['实例', { keys: { index: '序号', count: '总数' } }],
    console: ['控制台', { keys: { port: '端口', host: '监听地址', publicUrl: '对外地址' } }],
    crawl: [
      '采集',
      {
        keys: {
          userAgent: 'User-Agent',
          respectRobotsTxt: '遵守 robots.txt',
          allowPrivateAddresses: '允许内网地址',
          maxPageBytes: '单页最大字节数',
          timeoutSecs: '超时秒数',
          maxConcurrency: '并发数',
          maxItemsPerSource: '每个来源最多条数',
          chromiumPath: 'Chromium 路径',
          delaySecs: '请求间隔秒数',
          maxRetryAfterSecs: '最长等待秒数',
          allowPrivateHosts: WORDS('允许的内网主机'),
          screenshots: '截图',
        },
      },
    ],
    alerts: [
      '预警',
      {
        keys: {
          send: '发送',
          sendIntervalSecs: '发送间隔秒数',
          maxAttempts: '最多尝试次数',
          adminChannels: WORDS('管理员渠道'),
          sourceFailureThreshold: '连续失败提醒轮数',
          maxAgeDays: '最长信息天数',
        },
      },
    ],
    demoSite: ['演示站点', { keys: { port: '端口', smtpPort: '邮件端口' } }],
  },
};

const ROOTS: Readonly<Record<FileKind, Node>> = {
  settings: SETTINGS,
  sources: { item: { noun: '信息源', node: SOURCE } },
  channels: {
    keys: { teams: ['巡察组渠道表', { entry: { noun: '巡察组', node: { item: { noun: '渠道' } } } }] },
    entry: { noun: '渠道', node: CHANNEL },
  },
  round: ROUND,
  lexicon: { keys: { terms: ['词条', { item: { noun: '词条', node: KEYWORD } }] } },
  recurrence: { keys: { rectification: WORDS('整改用语'), generic: WORDS('通用词') } },
};

/** The kind of a file from its label (`rounds/x.yaml`, `lexicon/recurrence/y.yaml`...). */
export function fileKindOf(label: string): FileKind | undefined {
  if (label === 'settings.yaml') return 'settings';
  if (label === 'sources.yaml') return 'sources';
  if (label === 'channels.yaml') return 'channels';
  if (label.startsWith('rounds/')) return 'round';
  if (/(^|\/)lexicon\/recurrence\//.test(label)) return 'recurrence';
  if (/(^|\/)lexicon\//.test(label)) return 'lexicon';
  return undefined;
}

/**
 * The Chinese name of a path inside a file: `['units', 1, 'name']` → `第 2 个单位的名称（name）`. The YAML keys
 * after the last list index follow in brackets, so the key can be found in the file. Empty for the root.
 */
export function humanPath(kind: FileKind | undefined, path: readonly PropertyKey[]): string {
  if (path.length === 0) return '';
  const parts: string[] = [];
  let node: Node | undefined = kind ? ROOTS[kind] : undefined;
  let keysSinceIndex: string[] = [];
  for (const key of path) {
    if (typeof key === 'number') {
      const item = node?.item;
      // A list item replaces the list's own name: 第 2 个单位, not 单位的第 2 个单位.
      if (item && parts.length > 0 && parts[parts.length - 1] === listName(node)) parts.pop();
      parts.push(`第 ${key + 1} ${item?.measure ?? '个'}${item?.noun ?? '项'}`);
      node = item?.node;
      keysSinceIndex = [];
      continue;
    }
    const name = String(key);
    keysSinceIndex.push(name);
    const label = node?.keys && Object.hasOwn(node.keys, name) ? node.keys[name] : undefined;
    if (label !== undefined) {
      if (node?.fold) parts.pop();
      parts.push(typeof label === 'string' ? label : label[0]);
      node = typeof label === 'string' ? undefined : label[1];
    } else if (node?.entry) {
      parts.push(`${node.entry.noun}「${name}」`);
      node = node.entry.node;
      keysSinceIndex = [];
    } else {
      parts.push(`「${name}」`);
      node = undefined;
    }
  }
  const keys = keysSinceIndex.join('.');
  const shown = parts.join('的');
  return keys && shown !== keys ? `${shown}（${keys}）` : shown;
}

// The label under which a list node was pushed, to fold "单位" + "第 2 个单位" into one part.
function listName(node: Node | undefined): string | undefined {
  return node?.item?.noun;
}
