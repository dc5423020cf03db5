// 线索: tabs by workflow status (with counts), filters by round/unit/team/overdue, the tip drawer.
import { Card, Checkbox, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { toQuery } from '../api/client.js';
import type { TipStatus, TipsResponse, TipView } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { useSession } from '../auth/session.js';
import { formatTime, isOverdue } from '../shared/format.js';
import { TIP_STATUS_LABELS, TIP_STATUSES } from '../shared/labels.js';
import { LevelTag } from '../shared/level-tag.js';
import { navigate, useLocation } from '../shared/router.js';
import { TipDrawer } from './tip-drawer.js';

const PAGE = 20;
const FIELDS = ['status', 'round', 'unit', 'team', 'overdue', 'page', 'tip'] as const;
type Field = (typeof FIELDS)[number];
type BoardState = Partial<Record<Field, string>>;

function readState(params: URLSearchParams): BoardState {
  const state: BoardState = {};
  for (const f of FIELDS) {
    const v = params.get(f);
    if (v) state[f] = v;
  }
  return state;
}

function go(state: BoardState, replace = false) {
  navigate(`/tips${toQuery(state)}`, replace);
}

/** The tips board. */
export function TipsPage() {
  const { config } = useSession();
  const { params } = useLocation();
  const state = readState(params);
  const page = Number(state.page ?? '1') || 1;
  const listPath = `/api/tips${toQuery({
    status: state.status,
    round: state.round,
    unit: state.unit,
    team: state.team,
    overdue: state.overdue,
    limit: PAGE,
    offset: (page - 1) * PAGE,
  })}`;
  const list = useApi<TipsResponse>(listPath);
  const rounds = config?.rounds ?? [];
  const units = rounds.filter((r) => !state.round || r.id === state.round).flatMap((r) => r.units);
  const teams = config?.teams ?? [...new Set(rounds.flatMap((r) => r.units.flatMap((u) => u.team ?? [])))];
  const set = (patch: BoardState) => go({ ...state, ...patch, page: undefined });
  const counts = list.data?.counts;

  const tabs = [
    { key: '', label: '全部' },
    ...TIP_STATUSES.map((s) => ({
      key: s,
      label: `${TIP_STATUS_LABELS[s]}${counts ? `（${counts[s as TipStatus]}）` : ''}`,
    })),
  ];

  return (
    <Card>
      <Typography.Title level={4} className="screen-title">
        线索管理
      </Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="轮次"
          style={{ width: 220 }}
          value={state.round}
          options={rounds.map((r) => ({ value: r.id, label: r.name }))}
          onChange={(v?: string) => set({ round: v, unit: undefined })}
        />
        <Select
          allowClear
          placeholder="被巡察单位"
          style={{ width: 220 }}
          value={state.unit}
          options={units.map((u) => ({ value: u.id, label: u.name }))}
          onChange={(v?: string) => set({ unit: v })}
        />
        <Select
          allowClear
          placeholder="巡察组"
          style={{ width: 150 }}
          value={state.team}
          options={teams.map((t) => ({ value: t, label: t }))}
          onChange={(v?: string) => set({ team: v })}
        />
        <Checkbox
          checked={state.overdue === '1'}
          onChange={(e) => set({ overdue: e.target.checked ? '1' : undefined })}
        >
          仅看逾期
        </Checkbox>
      </Space>
      <Tabs
        activeKey={state.status ?? ''}
        items={tabs}
        onChange={(key) => set({ status: key || undefined })}
      />
      <Table<TipView>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.tips ?? []}
        rowClassName={(t) => (isOverdue(t) ? 'tip-overdue' : '')}
        onRow={(t) => ({ onClick: () => go({ ...state, tip: t.id }), style: { cursor: 'pointer' } })}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          onChange: (p) => go({ ...state, page: String(p) }),
        }}
        columns={[
          { title: '等级', dataIndex: 'level', width: 70, render: (_v, t) => <LevelTag level={t.level} /> },
          { title: '标题', dataIndex: 'title', ellipsis: true },
          { title: '单位', dataIndex: 'unitName', width: 200 },
          { title: '巡察组', dataIndex: 'team', width: 110 },
          { title: '责任人', dataIndex: 'assignee', width: 90 },
          {
            title: '期限',
            dataIndex: 'dueAt',
            width: 170,
            render: (_v, t) => (
              <span>
                {formatTime(t.dueAt)}
                {isOverdue(t) && (
                  <Tag color="red" style={{ marginLeft: 4 }}>
                    逾期
                  </Tag>
                )}
              </span>
            ),
          },
          {
            title: '状态',
            dataIndex: 'status',
            width: 90,
            render: (_v, t) => <Tag className="tip-status-cell">{TIP_STATUS_LABELS[t.status]}</Tag>,
          },
          {
            title: '生成时间',
            dataIndex: 'createdAt',
            width: 160,
            render: (_v, t) => formatTime(t.createdAt),
          },
        ]}
      />
      <TipDrawer tipId={state.tip} onClose={() => go({ ...state, tip: undefined })} onChanged={list.reload} />
    </Card>
  );
}
