// 审计日志 (admin): who did what and when — logins, searches, views, exports, tip and config changes.
import { Card, DatePicker, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { toQuery } from '../api/client.js';
import type { AuditEntry, AuditResponse } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { formatTime } from '../shared/format.js';
import { AUDIT_ACTION_LABELS, auditDetailText } from '../shared/labels.js';

const PAGE = 50;

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
            render: (d?: Record<string, unknown>) => auditDetailText(d),
          },
          { title: 'IP', dataIndex: 'ip', width: 130 },
        ]}
      />
    </Card>
  );
}
