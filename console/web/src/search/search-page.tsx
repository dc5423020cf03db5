// 检索: query and filters in the URL, folded results, saved searches and the Excel export.
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Typography } from 'antd';
import { toQuery } from '../api/client.js';
import type { SearchResponse } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { navigate, useLocation } from '../shared/router.js';
import { ParsedQuery } from './parsed-query.js';
import { SavedSearches } from './saved-searches.js';
import { SearchFilters } from './search-filters.js';
import {
  apiParams,
  PAGE_SIZE,
  readSearchState,
  type SearchState,
  searchStateQuery,
} from './search-params.js';
import { SearchResults } from './search-results.js';

/** The search screen. */
export function SearchPage() {
  const { params } = useLocation();
  const state = readSearchState(params);
  const result = useApi<SearchResponse>(`/api/search${toQuery(apiParams(state))}`);
  const go = (next: SearchState) => navigate(`/search${searchStateQuery(next)}`);
  const { page: _page, ...exportParams } = state;
  const exportHref = `/api/search/export${toQuery(exportParams)}`;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={4} className="screen-title">
          舆情检索
        </Typography.Title>
        <SearchFilters state={state} onSearch={go} />
        <ParsedQuery query={result.data?.query} />
      </Card>
      <Card
        title="检索结果"
        extra={
          <Space>
            <SavedSearches state={state} onApply={go} />
            <Button icon={<DownloadOutlined />} href={exportHref} data-testid="export-excel">
              导出 Excel
            </Button>
          </Space>
        }
      >
        {result.error && (
          <Alert type="error" showIcon title={result.error.message} style={{ marginBottom: 12 }} />
        )}
        <SearchResults
          hits={result.data?.hits ?? []}
          total={result.data?.total ?? 0}
          totalCapped={result.data?.totalCapped === true}
          page={Number(state.page ?? '1') || 1}
          pageSize={PAGE_SIZE}
          loading={result.loading}
          q={state.q}
          folded={state.fold !== '0'}
          onPage={(page) => go({ ...state, page: String(page) })}
        />
      </Card>
    </Space>
  );
}
