// 排除建议: phrases proposed by 误报 dismissals as "not a risk for this unit"; an admin 采纳 (it joins scoring at
// once) or 驳回 each. Officers see the list without the buttons.
import { Button, Card, Popconfirm, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { toQuery } from '../api/client.js';
import type { SuggestionView } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { isAdmin, useSession } from '../auth/session.js';
import { formatTime } from '../shared/format.js';
import { Link } from '../shared/router.js';
import { useRowAction } from '../shared/use-row-action.js';

type Filter = 'pending' | 'accepted' | 'rejected' | 'all';

const STATUS: Readonly<Record<SuggestionView['status'], { label: string; color: string }>> = {
  pending: { label: '待审核', color: 'processing' },
  accepted: { label: '已采纳', color: 'success' },
  rejected: { label: '已驳回', color: 'default' },
};

/** The exclusion suggestions screen. */
export function SuggestionsPage() {
  const { user } = useSession();
  const admin = isAdmin(user);
  const [filter, setFilter] = useState<Filter>('pending');
  const list = useApi<{ suggestions: SuggestionView[] }>(
    `/api/suggestions${toQuery({ status: filter === 'all' ? undefined : filter })}`,
  );
  const { busy, run } = useRowAction(list.reload);
  const decide = (s: SuggestionView, decision: 'accept' | 'reject') =>
    run(
      s.id,
      `/api/suggestions/${encodeURIComponent(s.id)}/decision`,
      { decision },
      decision === 'accept' ? `已采纳「${s.phrase}」，立即参与评分` : `已驳回「${s.phrase}」`,
    );
  return (
    <Card data-testid="suggestions-page">
      <Space wrap style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}>
        <Typography.Title level={4} className="screen-title">
          排除建议
        </Typography.Title>
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'pending', label: '待审核' },
            { value: 'accepted', label: '已采纳' },
            { value: 'rejected', label: '已驳回' },
            { value: 'all', label: '全部' },
          ]}
        />
      </Space>
      <Typography.Paragraph type="secondary">
        线索以“误报”排除时填写的排除词。采纳后，该单位含此词的信息不再计入风险评分；驳回则不生效。
      </Typography.Paragraph>
      <Table<SuggestionView>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.suggestions ?? []}
        locale={{ emptyText: filter === 'pending' ? '没有待审核的排除建议' : '暂无记录' }}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        columns={[
          { title: '排除词', dataIndex: 'phrase', width: 160, render: (p: string) => <strong>{p}</strong> },
          {
            title: '单位',
            dataIndex: 'unitName',
            width: 200,
            render: (_: unknown, s) => (
              <Space orientation="vertical" size={0}>
                <span>{s.unitName ?? s.unitId}</span>
                <Typography.Text type="secondary">{s.roundName ?? s.roundId}</Typography.Text>
              </Space>
            ),
          },
          {
            title: '来自线索',
            dataIndex: 'tipTitle',
            ellipsis: true,
            render: (t: string | undefined, s) => (
              <Link to={`/tips?tip=${encodeURIComponent(s.tipId)}`}>{t ?? '（线索已不存在）'}</Link>
            ),
          },
          {
            title: '提出',
            dataIndex: 'createdAt',
            width: 190,
            render: (v: string, s) => `${s.createdBy}，${formatTime(v)}`,
          },
          {
            title: '状态',
            dataIndex: 'status',
            width: 200,
            render: (v: SuggestionView['status'], s) => (
              <Space>
                <Tag color={STATUS[v].color}>{STATUS[v].label}</Tag>
                {s.decidedBy && (
                  <Typography.Text type="secondary">{`${s.decidedBy}，${formatTime(s.decidedAt)}`}</Typography.Text>
                )}
              </Space>
            ),
          },
          ...(admin
            ? [
                {
                  title: '操作',
                  key: 'actions',
                  width: 150,
                  render: (_: unknown, s: SuggestionView) =>
                    s.status === 'pending' && (
                      <Space>
                        <Popconfirm
                          title={`采纳后「${s.phrase}」立即参与评分，确认采纳？`}
                          okText="采纳"
                          cancelText="取消"
                          onConfirm={() => decide(s, 'accept')}
                        >
                          <Button size="small" type="primary" loading={busy === s.id}>
                            采纳
                          </Button>
                        </Popconfirm>
                        <Button
                          size="small"
                          disabled={busy === s.id}
                          onClick={() => void decide(s, 'reject')}
                        >
                          驳回
                        </Button>
                      </Space>
                    ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
