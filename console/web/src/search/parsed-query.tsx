import { Space, Tag, Typography } from 'antd';
import type { SearchResponse } from '../api/types.js';

/** How the server understood the query box: words (all required), phrases, exclusions, alternatives. */
export function ParsedQuery({ query }: { query: SearchResponse['query'] }) {
  if (query === undefined) return null;
  const { terms, phrases, exclude, anyOf } = query;
  if (terms.length + phrases.length + exclude.length + anyOf.length === 0) return null;
  return (
    <Space size={[4, 4]} wrap className="parsed-query" data-testid="parsed-query">
      <Typography.Text type="secondary">检索式：</Typography.Text>
      {terms.map((t) => (
        <Tag key={`t-${t}`}>{t}</Tag>
      ))}
      {phrases.map((p) => (
        <Tag key={`p-${p}`} color="blue">
          “{p}”
        </Tag>
      ))}
      {anyOf.map((group) => (
        <Tag key={`o-${group.join('|')}`} color="purple">
          {group.join(' 或 ')}
        </Tag>
      ))}
      {exclude.map((e) => (
        <Tag key={`x-${e}`} color="default">
          排除 {e}
        </Tag>
      ))}
    </Space>
  );
}
