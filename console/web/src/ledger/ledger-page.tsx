// 整改台账: a round's units, then the chosen unit's 问题清单 with linked-item counts and recurrence signals.
import { Alert, Button, Card, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { sendJson, toQuery } from '../api/client.js';
import type { RoundsView } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { Link, navigate, useLocation } from '../shared/router.js';
import type { ProblemList, ProblemView } from './ledger-types.js';
import { ProblemForm } from './problem-form.js';

/** The ledger page: `?round=…&unit=…`. */
export function LedgerPage() {
  const { params } = useLocation();
  const rounds = useApi<RoundsView>('/api/rounds');
  const roundId =
    params.get('round') ?? rounds.data?.rounds.find((r) => r.active)?.id ?? rounds.data?.rounds[0]?.id;
  const list = useApi<ProblemList>(
    roundId ? `/api/rounds/${encodeURIComponent(roundId)}/problems` : undefined,
  );
  const unitId = params.get('unit') ?? list.data?.units[0]?.id;
  const unit = list.data?.units.find((u) => u.id === unitId);
  const [editing, setEditing] = useState<ProblemView | 'new' | undefined>(undefined);
  const go = (patch: Record<string, string | undefined>) =>
    navigate(`/ledger${toQuery({ round: roundId, unit: unitId, ...patch })}`);
  const problems = (list.data?.problems ?? []).filter((p) => p.unitId === unitId);
  const remove = async (p: ProblemView) => {
    await sendJson(
      'DELETE',
      `/api/rounds/${encodeURIComponent(p.roundId)}/problems/${encodeURIComponent(p.id)}`,
    );
    list.reload();
  };
  return (
    <Card title="整改台账（问题清单）" data-testid="ledger-page">
      {list.error && <Alert type="error" message={list.error.message} />}
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          style={{ minWidth: 240 }}
          value={roundId}
          options={(rounds.data?.rounds ?? []).map((r) => ({ value: r.id, label: r.name }))}
          onChange={(round: string) => go({ round, unit: undefined })}
        />
        <Select
          style={{ minWidth: 240 }}
          value={unitId}
          data-testid="ledger-unit"
          options={(list.data?.units ?? []).map((u) => ({
            value: u.id,
            label: `${u.name}（${u.problems}个问题${u.recurring > 0 ? `，${u.recurring}个有反弹信号` : ''}）`,
          }))}
          onChange={(unit: string) => go({ unit })}
        />
        {unit?.editable && <Button onClick={() => setEditing('new')}>新增问题</Button>}
        {roundId && <a href={`/api/rounds/${encodeURIComponent(roundId)}/problems.xlsx`}>导出 Excel</a>}
      </Space>
      <Table<ProblemView>
        rowKey="id"
        loading={list.loading}
        dataSource={problems}
        pagination={false}
        columns={[
          {
            title: '问题编号',
            dataIndex: 'id',
            render: (id: string) => (
              <Link to={`/ledger/${encodeURIComponent(roundId ?? '')}/${encodeURIComponent(id)}`}>{id}</Link>
            ),
          },
          { title: '问题', dataIndex: 'title' },
          { title: '反馈日期', dataIndex: 'raisedOn' },
          { title: '整改时限', dataIndex: 'deadline' },
          { title: '状态', dataIndex: 'statusLabel' },
          { title: '关联舆情', render: (_: unknown, p) => p.links.length },
          {
            title: '反弹信号',
            render: (_: unknown, p) => (p.recurrences > 0 ? <Tag color="orange">{p.recurrences}</Tag> : 0),
          },
          ...(unit?.editable
            ? [
                {
                  title: '操作',
                  render: (_: unknown, p: ProblemView) => (
                    <Space>
                      <Button size="small" onClick={() => setEditing(p)}>
                        修改
                      </Button>
                      <Popconfirm
                        title="删除后原记录保留在审计日志中，确定删除？"
                        onConfirm={() => remove(p)}
                      >
                        <Button size="small" danger>
                          删除
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && roundId && unitId && (
        <ProblemForm
          roundId={roundId}
          unitId={unitId}
          {...(editing !== 'new' && { problem: editing })}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            list.reload();
          }}
        />
      )}
    </Card>
  );
}
