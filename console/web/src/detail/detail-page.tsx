// 详情: the clean text with matched terms highlighted, the score explanation, the story's copies, the evidence.
import { Alert, Button, Card, Col, List, Row, Space, Spin, Tag, Typography } from 'antd';
import { toQuery } from '../api/client.js';
import type { ArticleDetail } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { ExternalLink } from '../shared/external-link.js';
import { formatTime } from '../shared/format.js';
import { HighlightedText, MarkedSnippet } from '../shared/highlight.js';
import { TIP_STATUS_LABELS } from '../shared/labels.js';
import { LevelTag } from '../shared/level-tag.js';
import { Link, useLocation } from '../shared/router.js';
import { DetailActions } from './detail-actions.js';
import { EvidencePanel } from './evidence-panel.js';
import { ScoreBreakdown } from './score-breakdown.js';

/** Terms worth marking when no query is given: the scored terms and the unit mentions. */
function scoringTerms(detail: ArticleDetail): string[] {
  return detail.article.assessments.flatMap((a) => [
    ...a.parts.flatMap((p) => (p.term ? [p.term] : [])),
    ...a.units.flatMap((u) => u.mentions.map((m) => m.text)),
  ]);
}

function ArticleText({ detail, q }: { detail: ArticleDetail; q: string | undefined }) {
  const { article, highlighted } = detail;
  const useServer = q !== undefined && highlighted !== undefined;
  const terms = scoringTerms(detail);
  return (
    <>
      <Typography.Title level={4} className="screen-title" data-testid="article-title">
        {useServer ? (
          <MarkedSnippet html={highlighted.title} />
        ) : (
          <HighlightedText text={article.title} terms={terms} />
        )}
      </Typography.Title>
      <div className="hit-meta" style={{ marginBottom: 12 }}>
        来源：{article.sourceName} · 发布时间：{formatTime(article.publishedAt)} · 抓取时间：
        {formatTime(article.fetchedAt)}
        {article.author && <> · 作者：{article.author}</>} · 原文：
        <ExternalLink url={article.url}>打开原文</ExternalLink>
      </div>
      {(article.flags ?? []).map((f) => (
        <Tag key={f}>{f}</Tag>
      ))}
      <div className="article-body" data-testid="article-body">
        {useServer ? (
          <MarkedSnippet html={highlighted.body} />
        ) : (
          <HighlightedText text={article.body} terms={terms} />
        )}
      </div>
    </>
  );
}

/** The item detail screen. */
export function DetailPage({ id }: { id: string }) {
  const { params } = useLocation();
  const q = params.get('q') ?? undefined;
  const result = useApi<ArticleDetail>(`/api/articles/${encodeURIComponent(id)}${toQuery({ q })}`);
  if (result.error) {
    return (
      <Alert type="error" showIcon title={result.error.message} action={<Link to="/search">返回检索</Link>} />
    );
  }
  const detail = result.data;
  if (detail === undefined || detail.article.id !== id) return <Spin size="large" />;
  const units =
    detail.units ??
    detail.article.assessments.flatMap((a) =>
      a.units.map((u) => ({ roundId: a.roundId, unitId: u.unitId, unitName: u.unitName, team: u.team })),
    );
  const tips = detail.tips ?? [];

  return (
    <Row gutter={16}>
      <Col xs={24} lg={14}>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card
            extra={
              <Space>
                <LevelTag level={detail.article.level} />
                <Button onClick={() => window.history.back()}>返回</Button>
              </Space>
            }
            title="信息详情"
          >
            <ArticleText detail={detail} q={q} />
          </Card>
          <Card title="风险评分说明" data-testid="score-card">
            <ScoreBreakdown assessments={detail.article.assessments} />
          </Card>
        </Space>
      </Col>
      <Col xs={24} lg={10}>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card title="研判处置">
            <DetailActions articleId={id} units={units} tips={tips} onDone={result.reload} />
            <List
              size="small"
              style={{ marginTop: 12 }}
              dataSource={tips}
              locale={{ emptyText: '本事件尚无线索' }}
              renderItem={(t) => (
                <List.Item data-testid="detail-tip">
                  <Space wrap>
                    <LevelTag level={t.level} />
                    {t.unitName}
                    <Tag>{TIP_STATUS_LABELS[t.status]}</Tag>
                    {t.team}
                    <Link to={`/tips?tip=${encodeURIComponent(t.id)}`}>查看线索</Link>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
          <Card title={`同一事件的其他报道（传播 ${detail.cluster.size}）`}>
            <List
              size="small"
              dataSource={detail.others}
              locale={{ emptyText: '暂无其他转载' }}
              renderItem={(o) => (
                <List.Item>
                  <Link to={`/articles/${encodeURIComponent(o.id)}${toQuery({ q })}`}>{o.title}</Link>
                  <span className="hit-meta">
                    {o.source} · {formatTime(o.publishedAt)}
                  </span>
                </List.Item>
              )}
            />
          </Card>
          <Card title="取证快照">
            <EvidencePanel evidence={detail.evidence} />
          </Card>
        </Space>
      </Col>
    </Row>
  );
}
