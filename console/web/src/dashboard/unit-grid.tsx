// 一图: every unit of the round as a card coloured by its status (the worst level of its open tips).
import { Card, Col, Empty, Row, Space, Statistic, Tag } from 'antd';
import type { DashboardData } from '../api/types.js';
import { LEVEL_LABELS, LEVELS } from '../shared/labels.js';
import { LevelTag } from '../shared/level-tag.js';
import { navigate } from '../shared/router.js';

/** The unit cards; a click opens the unit's open tips. */
export function UnitGrid({ data }: { data: DashboardData }) {
  if (data.units.length === 0) return <Empty description="本轮没有可查看的被巡察单位" />;
  return (
    <Row gutter={[12, 12]}>
      {data.units.map((u) => (
        <Col key={u.id} xs={24} sm={12} md={8} xl={6}>
          <Card
            size="small"
            hoverable
            className={`unit-card unit-card-${u.status}`}
            data-testid="unit-card"
            data-unit={u.id}
            data-status={u.status}
            onClick={() =>
              navigate(`/tips?round=${encodeURIComponent(data.round.id)}&unit=${encodeURIComponent(u.id)}`)
            }
            title={u.name}
            extra={<LevelTag level={u.status} />}
          >
            <Space size={16}>
              <Statistic title="未办结线索" value={u.openTips} />
              <div>
                {LEVELS.map((l) => (
                  <Tag key={l} bordered={false}>
                    {LEVEL_LABELS[l]} {u.counts[l]}
                  </Tag>
                ))}
              </div>
            </Space>
            {u.team && <div className="hit-meta">{u.team}</div>}
            {u.problems && u.problems.problems > 0 && (
              <div className="hit-meta" data-testid="unit-problems">
                整改问题 {u.problems.problems} 个
                {u.problems.recurring > 0 && <Tag color="orange">{u.problems.recurring} 个有反弹舆情</Tag>}
              </div>
            )}
          </Card>
        </Col>
      ))}
    </Row>
  );
}
