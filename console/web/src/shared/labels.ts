// Chinese labels and colours of the domain values.
import type { Level, PhaseName, TipStatus } from '../api/types.js';

/** Levels, most severe first. */
export const LEVELS: readonly Level[] = ['red', 'orange', 'yellow', 'green'];

/** 红/橙/黄/绿. */
export const LEVEL_LABELS: Readonly<Record<Level, string>> = {
  red: '红',
  orange: '橙',
  yellow: '黄',
  green: '绿',
};

/** Colours of the four-colour grading (AntD Tag preset colours and chart colours). */
export const LEVEL_COLORS: Readonly<Record<Level, string>> = {
  red: '#cf1322',
  orange: '#fa8c16',
  yellow: '#fadb14',
  green: '#52c41a',
};

/** Phases in order. */
export const PHASES: readonly PhaseName[] = ['entry', 'feedback', 'rectification'];

/** 进驻/反馈/整改. */
export const PHASE_LABELS: Readonly<Record<PhaseName, string>> = {
  entry: '进驻',
  feedback: '反馈',
  rectification: '整改',
};

/** Tip statuses in workflow order. */
export const TIP_STATUSES: readonly TipStatus[] = ['new', 'assigned', 'in_progress', 'closed', 'dismissed'];

/** 待研判/已分办/处置中/已办结/已排除. */
export const TIP_STATUS_LABELS: Readonly<Record<TipStatus, string>> = {
  new: '待研判',
  assigned: '已分办',
  in_progress: '处置中',
  closed: '已办结',
  dismissed: '已排除',
};

/** Source types the search filter offers. */
export const SOURCE_TYPE_LABELS: Readonly<Record<string, string>> = {
  rss: 'RSS 订阅',
  html: '网页',
  browser: '浏览器渲染',
  search: '搜索引擎',
  json: 'JSON 接口',
};

/** Workflow actions. */
export const ACTION_LABELS: Readonly<Record<string, string>> = {
  assign: '分办',
  start: '开始处置',
  close: '办结',
  dismiss: '排除',
  note: '备注',
  create: '生成线索',
};

/** Dismissal reasons. */
export const DISMISS_LABELS: Readonly<Record<string, string>> = {
  false_positive: '误报',
  irrelevant: '无关',
  duplicate: '重复',
};
