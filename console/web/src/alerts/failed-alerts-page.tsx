// 失败预警 (admin): alerts the sender gave up on — what, where, why in Chinese — with 重试 and 标记已处理.
import { Button, Card, Popconfirm, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { toQuery } from '../api/client.js';
import type { FailedAlert, FailedAlertsResponse } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { formatTime } from '../shared/format.js';
import { CHANNEL_TYPE_LABELS } from '../shared/labels.js';
import { LevelTag } from '../shared/level-tag.js';
import { useRowAction } from '../shared/use-row-action.js';

type Filter = 'false' | 'true' | 'all';

function Subject({ alert }: { alert: FailedAlert }) {
  if (alert.tip) {
    return (
      <Space orientation="vertical" size={0}>
        <span>
          <LevelTag level={alert.tip.level} /> {alert.tip.title}
        </span>
        <Typography.Text type="secondary">
          {alert.tip.unitName}
          {alert.tip.team ? `（${alert.tip.team}）` : ''}
        </Typography.Text>
      </Space>
    );
  }
  if (alert.notice) return <span>{`${alert.notice.kindLabel}：${alert.notice.title}`}</span>;
  return <Typography.Text type="secondary">内容已不存在</Typography.Text>;
}

/** The failed alerts screen. */
export function FailedAlertsPage() {
  const [filter, setFilter] = useState<Filter>('false');
  const list = useApi<FailedAlertsResponse>(`/api/failed-alerts${toQuery({ handled: filter })}`);
  const { busy, run } = useRowAction(list.reload);
  const act = (alert: FailedAlert, op: 'requeue' | 'handled') =>
    run(
      alert.id,
      `/api/failed-alerts/${encodeURIComponent(alert.id)}/${op}`,
      {},
      op === 'requeue' ? '已重新排队，将在下一轮发送' : '已标记为已处理',
    );
  return (
    <Card data-testid="failed-alerts-page">
      <Space wrap style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}>
        <Typography.Title level={4} className="screen-title">
          失败预警{list.data ? `（未处理 ${list.data.unhandled} 条）` : ''}
        </Typography.Title>
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'false', label: '未处理' },
            { value: 'true', label: '已处理' },
            { value: 'all', label: '全部' },
          ]}
        />
      </Space>
      <Typography.Paragraph type="secondary">
        多次重试仍未送达的预警与通知。请先检查渠道配置（channels.yaml），再点击“重试”；已通过电话等方式告知的，可“标记已处理”。
      </Typography.Paragraph>
      <Table<FailedAlert>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.alerts ?? []}
        locale={{ emptyText: filter === 'false' ? '没有未处理的失败预警' : '暂无记录' }}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        columns={[
          { title: '放弃时间', dataIndex: 'nextAttemptAt', width: 160, render: (v: string) => formatTime(v) },
          {
            title: '渠道',
            dataIndex: 'channel',
            width: 150,
            render: (c: string, a) => (
              <span>
                {c}
                {a.channelType ? `（${CHANNEL_TYPE_LABELS[a.channelType] ?? a.channelType}）` : '（未配置）'}
              </span>
            ),
          },
          { title: '内容', key: 'subject', render: (_: unknown, a) => <Subject alert={a} /> },
          { title: '尝试次数', dataIndex: 'attempts', width: 90 },
          { title: '失败原因', dataIndex: 'errorText', ellipsis: { showTitle: true } },
          {
            title: '操作',
            key: 'actions',
            width: 200,
            render: (_: unknown, a) => (
              <Space>
                <Button size="small" loading={busy === a.id} onClick={() => void act(a, 'requeue')}>
                  重试
                </Button>
                {a.handledAt ? (
                  <Tag>{`${a.handledBy ?? ''} 已处理于 ${formatTime(a.handledAt)}`}</Tag>
                ) : (
                  <Popconfirm
                    title="确认已通过其他方式处理该预警？"
                    okText="确认已处理"
                    cancelText="取消"
                    onConfirm={() => act(a, 'handled')}
                  >
                    <Button size="small" disabled={busy === a.id}>
                      标记已处理
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
