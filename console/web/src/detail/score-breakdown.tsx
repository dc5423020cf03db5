// The score explanation as a readable breakdown: per round, the units found (and why) and every scored part.
import { Descriptions, Table, Tag, Typography } from 'antd';
import type { ArticleDetail, ScorePart, UnitMatch } from '../api/types.js';
import { useSession } from '../auth/session.js';
import { PHASE_LABELS } from '../shared/labels.js';
import { LevelTag } from '../shared/level-tag.js';

type Assessment = ArticleDetail['article']['assessments'][number];

const RULE_LABELS: Readonly<Record<string, string>> = {
  name: '全称',
  alias: '简称',
  derived: '派生简称',
  child: '下属单位',
  person: '关注人员',
};

const KIND_LABELS: Readonly<Record<string, string>> = {
  term: '关注词',
  unit: '单位提及',
  spread: '传播',
  phase: '阶段',
  context: '语境',
  sentiment: '情感',
  source: '来源',
};

function UnitMentions({ unit }: { unit: UnitMatch }) {
  return (
    <div className="unit-mentions">
      <Typography.Text strong>{unit.unitName}</Typography.Text>
      {unit.team && <Tag style={{ marginLeft: 8 }}>{unit.team}</Tag>}
      {unit.level && (
        <LevelTag level={unit.level} suffix={unit.score !== undefined ? ` ${unit.score}分` : ''} />
      )}
      <div className="hit-meta">
        {unit.mentions.map((m) => (
          <span key={`${m.where}-${m.offset}-${m.text}`} style={{ marginRight: 12 }}>
            {m.where === 'title' ? '标题' : '正文'}「{m.text}」
            {m.rule ? `（${RULE_LABELS[m.rule] ?? m.rule}` : ''}
            {m.detail ? `：${m.detail}` : ''}
            {m.rule ? '）' : ''}
          </span>
        ))}
      </div>
    </div>
  );
}

function PartsTable({ parts }: { parts: ScorePart[] }) {
  return (
    <Table<ScorePart>
      size="small"
      pagination={false}
      rowKey={(p) => `${p.kind}-${p.label}`}
      dataSource={parts}
      className="score-parts"
      columns={[
        { title: '类别', dataIndex: 'kind', width: 90, render: (k: string) => KIND_LABELS[k] ?? k },
        { title: '说明', dataIndex: 'label' },
        {
          title: '得分',
          dataIndex: 'points',
          width: 80,
          align: 'right',
          render: (p: number) => (p > 0 ? `+${p}` : String(p)),
        },
      ]}
      summary={(rows) => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} colSpan={2}>
            合计
          </Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right">
            {rows.reduce((sum, p) => sum + p.points, 0)}
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}

/** One block per assessed round: level, score, phase, units and the parts that add up to the score. */
export function ScoreBreakdown({
  assessments,
  narrow = false,
}: {
  assessments: Assessment[];
  narrow?: boolean;
}) {
  const { config } = useSession();
  const roundName = (id: string) => config?.rounds.find((r) => r.id === id)?.name ?? id;
  if (assessments.length === 0) return <Typography.Text type="secondary">未涉及任何在巡轮次</Typography.Text>;
  return (
    <>
      {assessments.map((a) => (
        <div key={a.roundId} className="assessment" data-round={a.roundId}>
          <Descriptions
            size="small"
            column={narrow ? 1 : 3}
            bordered
            styles={{ label: { whiteSpace: 'nowrap' } }}
          >
            <Descriptions.Item label="轮次">{roundName(a.roundId)}</Descriptions.Item>
            <Descriptions.Item label="等级">
              <LevelTag level={a.level} />
              <span data-testid="assessment-score">{a.score} 分</span>
            </Descriptions.Item>
            <Descriptions.Item label="阶段">
              {a.phase ? PHASE_LABELS[a.phase] : '不在巡察阶段内'}
            </Descriptions.Item>
          </Descriptions>
          <div style={{ margin: '12px 0' }}>
            {a.units.length === 0 ? (
              <Typography.Text type="secondary">未提及本轮被巡察单位</Typography.Text>
            ) : (
              a.units.map((u) => <UnitMentions key={u.unitId} unit={u} />)
            )}
          </div>
          <PartsTable parts={a.parts} />
        </div>
      ))}
    </>
  );
}
