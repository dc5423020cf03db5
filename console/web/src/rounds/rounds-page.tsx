// 轮次配置: the list of rounds; choosing one opens its editor.
import { Card, Table, Tag, Typography } from 'antd';
import type { RoundView } from '../api/types.js';
import { useSession } from '../auth/session.js';
import { PHASE_LABELS, PHASES } from '../shared/labels.js';
import { navigate, useLocation } from '../shared/router.js';
import { RoundEditor } from './round-editor.js';

/** The round setup screen (admin only). */
export function RoundsPage() {
  const { config } = useSession();
  const { params } = useLocation();
  const selected = params.get('round') ?? undefined;
  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <Typography.Title level={4} className="screen-title">
          轮次配置
        </Typography.Title>
        <Table<RoundView>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={config?.rounds ?? []}
          rowClassName={(r) => (r.id === selected ? 'ant-table-row-selected' : '')}
          onRow={(r) => ({
            onClick: () => navigate(`/rounds?round=${encodeURIComponent(r.id)}`),
            style: { cursor: 'pointer' },
          })}
          columns={[
            { title: '编号', dataIndex: 'id', width: 120 },
            { title: '名称', dataIndex: 'name' },
            {
              title: '状态',
              dataIndex: 'active',
              width: 90,
              render: (a: boolean) => (a ? <Tag color="green">监测中</Tag> : <Tag>已暂停</Tag>),
            },
            { title: '单位数', width: 80, render: (_v, r) => r.units.length },
            {
              title: '阶段',
              render: (_v, r) =>
                PHASES.filter((p) => r.phases[p]).map((p) => (
                  <Tag key={p}>
                    {PHASE_LABELS[p]} {r.phases[p]?.start} ~ {r.phases[p]?.end}
                  </Tag>
                )),
            },
          ]}
        />
      </Card>
      {selected && <RoundEditor key={selected} roundId={selected} />}
    </>
  );
}
