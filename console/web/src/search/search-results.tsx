// The result list: one entry per story (near-duplicates folded under it), snippets with safe highlights.
import { Button, Empty, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { getJson } from '../api/client.js';
import type { ArticleDetail, SearchHitView } from '../api/types.js';
import { useSession } from '../auth/session.js';
import { formatTime } from '../shared/format.js';
import { MarkedSnippet } from '../shared/highlight.js';
import { LevelTag } from '../shared/level-tag.js';
import { Link } from '../shared/router.js';

function detailPath(id: string, q: string | undefined): string {
  return `/articles/${encodeURIComponent(id)}${q ? `?q=${encodeURIComponent(q)}` : ''}`;
}

/** The other copies of a story, loaded when the officer unfolds it. */
function StoryCopies({ hit, q }: { hit: SearchHitView; q: string | undefined }) {
  const [copies, setCopies] = useState<ArticleDetail['others'] | undefined>(undefined);
  const [open, setOpen] = useState(false);
  const toggle = async () => {
    if (!open && copies === undefined) {
      const detail = await getJson<ArticleDetail>(`/api/articles/${encodeURIComponent(hit.id)}`);
      setCopies(detail.others);
    }
    setOpen(!open);
  };
  return (
    <div className="story-copies">
      <Button type="link" size="small" onClick={() => void toggle()} data-testid="toggle-copies">
        {open ? '收起' : `同一事件的其他 ${hit.clusterSize - 1} 条报道`}
      </Button>
      {open && (
        <ul>
          {(copies ?? []).map((c) => (
            <li key={c.id}>
              <Link to={detailPath(c.id, q)}>{c.title}</Link>
              <span className="hit-meta">
                {' '}
                {c.source} · {formatTime(c.publishedAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** One story of the result list. */
function HitItem({ hit, q }: { hit: SearchHitView; q: string | undefined }) {
  const { config } = useSession();
  const unitNames = new Map(
    (config?.rounds ?? []).flatMap((r) => r.units.map((u) => [u.id, u.name] as const)),
  );
  return (
    <List.Item data-id={hit.id} data-cluster={hit.clusterId} className="search-hit">
      <div style={{ width: '100%' }}>
        <Space size={8} wrap>
          <LevelTag level={hit.level} />
          <Link to={detailPath(hit.id, q)} className="hit-title">
            {hit.title}
          </Link>
          {hit.clusterSize > 1 && (
            <Tag color="purple" className="spread-tag">
              传播 {hit.clusterSize}
            </Tag>
          )}
        </Space>
        {hit.highlights.map((snippet) => (
          <div className="hit-snippet" key={snippet}>
            <MarkedSnippet html={snippet} />
          </div>
        ))}
        <div className="hit-meta">
          来源：{hit.source} · 发布时间：{formatTime(hit.publishedAt)} · 风险分：{hit.score}
          {hit.units.length > 0 && <> · 涉及单位：{hit.units.map((u) => unitNames.get(u) ?? u).join('、')}</>}
          {hit.matchedInCluster !== undefined && hit.matchedInCluster > 1 && (
            <> · 本事件命中 {hit.matchedInCluster} 条</>
          )}
        </div>
        {hit.clusterSize > 1 && <StoryCopies hit={hit} q={q} />}
      </div>
    </List.Item>
  );
}

/** The result list with paging. */
export function SearchResults(props: {
  hits: SearchHitView[];
  total: number;
  /** Counting stopped at `total`: shown as “1000+”. */
  totalCapped?: boolean;
  page: number;
  pageSize: number;
  loading: boolean;
  q: string | undefined;
  folded: boolean;
  onPage: (page: number) => void;
}) {
  return (
    <List
      className="search-results"
      loading={props.loading}
      dataSource={props.hits}
      rowKey="id"
      locale={{ emptyText: <Empty description="没有符合条件的信息" /> }}
      header={
        <Typography.Text data-testid="search-total">
          共 {props.total}
          {props.totalCapped ? '+' : ''} 条{props.folded ? '（转载已合并到同一事件）' : ''}
        </Typography.Text>
      }
      renderItem={(hit) => <HitItem hit={hit} q={props.q} />}
      pagination={{
        current: props.page,
        pageSize: props.pageSize,
        total: props.total,
        showSizeChanger: false,
        onChange: props.onPage,
        hideOnSinglePage: true,
      }}
    />
  );
}
