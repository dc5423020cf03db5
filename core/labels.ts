// Chinese labels of every enum value a person meets: shared by the server (CLI, alerts, reports) and the console
// SPA, so a value has one label everywhere. Only type imports here: the SPA bundles this file.
import type { DismissReason, Level, PhaseName, TipStatus } from './types.js';

/** Chinese label of each level. */
export const LEVEL_LABELS: Readonly<Record<Level, string>> = {
  red: '红',
  orange: '橙',
  yellow: '黄',
  green: '绿',
};

/** Chinese label of each phase. */
export const PHASE_LABELS: Readonly<Record<PhaseName, string>> = {
  entry: '进驻',
  feedback: '反馈',
  rectification: '整改',
};

/** Every tip status, in workflow order. */
export const TIP_STATUSES: readonly TipStatus[] = ['new', 'assigned', 'in_progress', 'closed', 'dismissed'];

/** Chinese label of each tip status, as the console and the CLI show it. */
export const TIP_STATUS_LABELS: Readonly<Record<TipStatus, string>> = {
  new: '待研判',
  assigned: '已分办',
  in_progress: '处置中',
  closed: '已办结',
  dismissed: '已排除',
};

/** Chinese label of each dismissal reason. */
export const DISMISS_REASON_LABELS: Readonly<Record<DismissReason, string>> = {
  false_positive: '误报',
  irrelevant: '无关',
  duplicate: '重复',
};

/** Workflow actions of the history, including notes and creation. */
export const TIP_HISTORY_ACTION_LABELS: Readonly<Record<string, string>> = {
  assign: '分办',
  start: '开始处置',
  close: '办结',
  dismiss: '排除',
  note: '备注',
  create: '生成线索',
};

/** Source types. */
export const SOURCE_TYPE_LABELS: Readonly<Record<string, string>> = {
  rss: 'RSS 订阅',
  html: '网页',
  browser: '浏览器渲染',
  search: '搜索引擎',
  json: 'JSON 接口',
};

/** Alert channel types. */
export const CHANNEL_TYPE_LABELS: Readonly<Record<string, string>> = {
  email: '邮件',
  wecom: '企业微信',
  dingtalk: '钉钉',
  feishu: '飞书',
  webhook: 'Webhook',
};

/** States of an outbox alert. */
export const ALERT_STATUS_LABELS: Readonly<Record<string, string>> = {
  pending: '待发送',
  sent: '已发送',
  dead: '已放弃',
};

/** Account roles. */
export const ROLE_LABELS: Readonly<Record<string, string>> = {
  admin: '管理员',
  office: '巡察办',
  team: '巡察组',
  viewer: '只读',
};

/** The audited actions. */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  login: '登录',
  login_failed: '登录失败',
  logout: '退出',
  password_change: '修改密码',
  search: '检索',
  view_item: '查看信息',
  export: '导出',
  tip_create: '生成线索',
  tip_change: '线索处置',
  tip_note: '线索备注',
  suggestion_decision: '审核排除建议',
  config_change: '修改配置',
  user_change: '用户管理',
  saved_search: '保存检索',
};

/** Chinese names of the fields an audit entry's detail carries. */
export const AUDIT_DETAIL_FIELD_LABELS: Readonly<Record<string, string>> = {
  action: '操作',
  from: '原状态',
  to: '新状态',
  reason: '原因',
  params: '条件',
  rows: '导出条数',
  total: '命中条数',
  round: '轮次',
  op: '操作',
  name: '名称',
  role: '角色',
  rounds: '轮次',
  units: '单位',
  resetPassword: '重置密码',
  decision: '决定',
  articleId: '信息',
  unitId: '单位',
  q: '关键词',
  level: '等级',
  status: '状态',
  format: '格式',
};

/** Chinese words of the values an audit detail carries (operations, decisions, login failures). */
export const AUDIT_VALUE_LABELS: Readonly<Record<string, string>> = {
  create: '新建',
  update: '修改',
  delete: '删除',
  accept: '采纳',
  accepted: '采纳',
  reject: '驳回',
  rejected: '驳回',
  'unknown user': '用户不存在',
  disabled: '账号已停用',
  'wrong password': '密码错误',
  true: '是',
  false: '否',
};

const VALUE_MAPS: readonly Readonly<Record<string, string>>[] = [
  TIP_STATUS_LABELS,
  TIP_HISTORY_ACTION_LABELS,
  LEVEL_LABELS,
  PHASE_LABELS,
  DISMISS_REASON_LABELS,
  ROLE_LABELS,
  AUDIT_VALUE_LABELS,
];

/** The label of a value from the first map that knows it; otherwise the value itself (names, titles). */
export function labelValue(value: string): string {
  for (const map of VALUE_MAPS) {
    const label = map[value];
    if (label !== undefined) return label;
  }
  return value;
}

function detailValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length === 0 ? '（无）' : value.map(detailValue).join('、');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => `${AUDIT_DETAIL_FIELD_LABELS[k] ?? k}=${detailValue(v)}`)
      .join('，');
  }
  return labelValue(String(value));
}

/** An audit entry's detail as readable Chinese, e.g. `操作：分办；原状态：待研判；新状态：已分办`. */
export function auditDetailText(detail: Readonly<Record<string, unknown>> | undefined): string {
  if (detail === undefined) return '';
  return Object.entries(detail)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${AUDIT_DETAIL_FIELD_LABELS[k] ?? k}：${detailValue(v)}`)
    .join('；');
}
