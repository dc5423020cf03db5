// 审计日志 (admin): who did what and when — logins, searches, views, exports, tip and config changes.
import { Card, DatePicker, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { toQuery } from '../api/client.js';
import type { AuditEntry, AuditResponse } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { formatTime } from '../shared/format.js';

const PAGE = 50;

/** Chinese labels of the audited actions. */
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

/** The audit log screen. */
export function AuditPage() {
  const [user, setUser] = useState<string | undefined>(undefined);
  const [action, setAction] = useState<string | undefined>(undefined);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState(1);
  const list = useApi<AuditResponse>(
    `/api/audit${toQuery({
      user,
      action,
      from: range?.[0]?.format('YYYY-MM-DD'),
      to: range?.[1]?.format('YYYY-MM-DD'),
      limit: PAGE,
      offset: (page - 1) * PAGE,
    })}`,
  );

  return (
    <Card>
      <Typography.Title level={4} className="screen-title">
        审计日志
      </Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder="用户名"
          style={{ width: 180 }}
          onSearch={(v) => {
            setUser(v.trim() || undefined);
            setPage(1);
          }}
        />
        <Select
          allowClear
          placeholder="操作"
          style={{ width: 160 }}
          value={action}
          options={Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({ value, label }))}
          onChange={(v?: string) => {
            setAction(v);
            setPage(1);
          }}
        />
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          onChange={(v) => {
            setRange(v);
            setPage(1);
          }}
        />
      </Space>
      <Table<AuditEntry>
        rowKey="seq"
        size="small"
        loading={list.loading}
        dataSource={list.data?.entries ?? []}
        data-testid="audit-table"
        pagination={{
          current: page,
          pageSize: PAGE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
        }}
        columns={[
          { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => formatTime(v) },
          { title: '用户', dataIndex: 'user', width: 120 },
          {
            title: '操作',
            dataIndex: 'action',
            width: 120,
            render: (a: string) => (
              <Tag color={a === 'login_failed' ? 'red' : 'default'}>{AUDIT_ACTION_LABELS[a] ?? a}</Tag>
            ),
          },
          { title: '对象', dataIndex: 'target', width: 200, ellipsis: true },
          {
            title: '详情',
            dataIndex: 'detail',
            ellipsis: true,
            render: (d?: Record<string, unknown>) => (d ? JSON.stringify(d) : ''),
          },
          { title: 'IP', dataIndex: 'ip', width: 130 },
        ]}
      />
    </Card>
  );
}
