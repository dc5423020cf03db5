import { Table, Tag } from 'antd';
import type { SourceHealthView } from '../api/types.js';
import { formatTime } from '../shared/format.js';
import { SOURCE_TYPE_LABELS } from '../shared/labels.js';

const STATUS_COLORS: Readonly<Record<string, string>> = {
  ok: 'green',
  failing: 'red',
  layout: 'orange',
  never: 'default',
  disabled: 'default',
};

/** 来源健康: status, last success, failures and items per day of every source. */
export function SourceHealthTable({ sources }: { sources: SourceHealthView[] }) {
  return (
    <Table<SourceHealthView>
      size="small"
      rowKey="sourceId"
      pagination={false}
      dataSource={sources}
      data-testid="source-health"
      columns={[
        { title: '来源', dataIndex: 'name' },
        { title: '类型', dataIndex: 'type', width: 100, render: (t: string) => SOURCE_TYPE_LABELS[t] ?? t },
        {
          title: '状态',
          dataIndex: 'status',
          width: 100,
          render: (_v, s) => <Tag color={STATUS_COLORS[s.status] ?? 'default'}>{s.statusLabel}</Tag>,
        },
        { title: '当前频率', dataIndex: 'cadence', width: 180, render: (v?: string) => v ?? '—' },
        { title: '最近成功', dataIndex: 'lastSuccessAt', width: 160, render: (v?: string) => formatTime(v) },
        { title: '连续失败', dataIndex: 'consecutiveFailures', width: 90 },
        { title: '日均入库', dataIndex: 'itemsPerDay', width: 90 },
        {
          title: '最近错误',
          dataIndex: 'lastError',
          ellipsis: true,
          render: (_v, s) => s.layoutWarning ?? s.lastError ?? '—',
        },
      ]}
      expandable={{
        // Search sources: when each unit was last searched (the rotation, issue 20).
        rowExpandable: (s) => (s.lastSearched?.length ?? 0) > 0,
        expandedRowRender: (s) => (
          <span data-testid="last-searched">
            {(s.lastSearched ?? [])
              .map((u) => `${u.unitName}：${u.at ? formatTime(u.at) : '尚未搜索'}`)
              .join('；')}
          </span>
        ),
      }}
    />
  );
}
