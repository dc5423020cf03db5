// One problem: its description and terms, then the items and tips linked to it in time order.
import { Alert, Card, Descriptions, Tag, Timeline } from 'antd';
import { useApi } from '../api/use-api.js';
import { ExternalLink } from '../shared/external-link.js';
import { formatTime } from '../shared/format.js';
import { LevelTag } from '../shared/level-tag.js';
import { Link } from '../shared/router.js';
import type { ProblemPage as ProblemPageData } from './ledger-types.js';

/** The problem page at /ledger/:round/:id. */
export function ProblemPage({ roundId, id }: { roundId: string; id: string }) {
  const page = useApi<ProblemPageData>(
    `/api/rounds/${encodeURIComponent(roundId)}/problems/${encodeURIComponent(id)}`,
  );
  if (page.error) return <Alert type="error" message={page.error.message} />;
  const p = page.data?.problem;
  return (
    <Card title={p ? `${p.id} ${p.title}` : '问题'} loading={page.loading} data-testid="problem-page">
      {p && (
        <Descriptions column={2} size="small" style={{ marginBottom: 16 }}>
          <Descriptions.Item label="被巡察单位">
            <Link to={`/ledger?round=${encodeURIComponent(roundId)}&unit=${encodeURIComponent(p.unitId)}`}>
              {p.unitName}
            </Link>
          </Descriptions.Item>
          <Descriptions.Item label="状态">{p.statusLabel}</Descriptions.Item>
          <Descriptions.Item label="反馈日期">{p.raisedOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="整改时限">{p.deadline ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="关键词" span={2}>
            {p.terms.map((t) => (
              <Tag key={t}>{t}</Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label="问题描述" span={2}>
            {p.description || '—'}
          </Descriptions.Item>
        </Descriptions>
      )}
      <h3>关联舆情与线索（按时间）</h3>
      {page.data && page.data.timeline.length === 0 && <p>暂无关联舆情。</p>}
      <Timeline
        items={(page.data?.timeline ?? []).map((l) => ({
          color: l.recurrence ? 'orange' : 'blue',
          children: (
            <div data-testid="problem-link">
              <div>
                {formatTime(l.publishedAt ?? l.linkedAt)} <ExternalLink url={l.url}>{l.title}</ExternalLink>{' '}
                {l.recurrence && <Tag color="orange">反弹信号</Tag>}
                {l.tip && <LevelTag level={l.tip.level} suffix={` ${l.tip.score}分`} />}
                <Link to={`/articles/${encodeURIComponent(l.articleId)}`}>详情</Link>
              </div>
              <div style={{ color: '#5f6368' }}>{l.reason}</div>
            </div>
          ),
        }))}
      />
    </Card>
  );
}
