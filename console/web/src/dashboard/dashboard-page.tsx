// 态势: the current round at a glance — unit statuses, counts by level, trend with phases, terms, sources.
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Row,
  Select,
  Space,
  Spin,
  Statistic,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { toQuery } from '../api/client.js';
import type { DashboardData, FailedAlertsResponse } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { isAdmin, useSession } from '../auth/session.js';
import { LEVEL_COLORS, LEVEL_LABELS, LEVELS } from '../shared/labels.js';
import { navigate, useLocation } from '../shared/router.js';
import { levelOption, sourceShareOption, trendOption, wordCloudOption } from './chart-options.js';
import { EChart } from './echart.js';
import { SourceHealthTable } from './source-health-table.js';
import { UnitGrid } from './unit-grid.js';

function Charts({ data }: { data: DashboardData }) {
  const trend = useMemo(() => trendOption(data), [data]);
  const cloud = useMemo(() => wordCloudOption(data), [data]);
  const share = useMemo(() => sourceShareOption(data), [data]);
  const levels = useMemo(() => levelOption(data), [data]);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16}>
        <Card title="每日舆情走势（阴影为进驻/反馈/整改阶段）" size="small">
          <EChart option={trend} testId="chart-trend" />
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <Card title="等级分布" size="small">
          <EChart option={levels} testId="chart-levels" />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title="热词" size="small">
          {data.topTerms.length === 0 ? <Empty /> : <EChart option={cloud} testId="chart-wordcloud" />}
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title="来源类型占比" size="small">
          <EChart option={share} testId="chart-sources" />
        </Card>
      </Col>
    </Row>
  );
}

/** Admins see unhandled dead alerts first: a red tip that reached nobody must not wait for someone to look. */
function FailedAlertsNotice() {
  const failed = useApi<FailedAlertsResponse>('/api/failed-alerts');
  const unhandled = failed.data?.unhandled ?? 0;
  if (unhandled === 0) return null;
  const red = failed.data?.alerts.filter((a) => a.tip?.level === 'red').length ?? 0;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="failed-alerts-notice"
      title={`有 ${unhandled} 条预警发送失败，尚未处理${red > 0 ? `（其中红色线索 ${red} 条）` : ''}`}
      description="这些预警多次重试后仍未送达，相关人员可能尚未收到。请检查渠道配置后重试，或通过其他方式告知后标记已处理。"
      action={
        <Button size="small" danger onClick={() => navigate('/failed-alerts')}>
          查看失败预警
        </Button>
      }
    />
  );
}

/** The dashboard screen (loaded lazily with ECharts). */
export function DashboardPage() {
  const { config, user } = useSession();
  const { params } = useLocation();
  const round = params.get('round') ?? undefined;
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const result = useApi<DashboardData>(`/api/dashboard${toQuery({ round, from, to })}`);
  const data = result.data;
  const go = (patch: Record<string, string | undefined>) =>
    navigate(`/dashboard${toQuery({ round: round ?? data?.round.id, from, to, ...patch })}`);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {isAdmin(user) && <FailedAlertsNotice />}
      <Card>
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Typography.Title level={4} className="screen-title">
            巡察舆情态势{data ? `：${data.round.name}` : ''}
          </Typography.Title>
          <Space wrap>
            <Select
              style={{ width: 260 }}
              placeholder="选择轮次"
              value={round ?? data?.round.id}
              options={(config?.rounds ?? []).map((r) => ({ value: r.id, label: r.name }))}
              onChange={(v: string) => go({ round: v })}
            />
            <DatePicker.RangePicker
              value={data ? [dayjs(data.from), dayjs(data.to)] : null}
              allowClear={false}
              onChange={(v) => go({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
            />
          </Space>
        </Space>
        {data && (
          <Row gutter={16} style={{ marginTop: 8 }}>
            {LEVELS.map((l) => (
              <Col key={l} span={6}>
                <Statistic
                  title={`${LEVEL_LABELS[l]}色信息（${data.from} 至 ${data.to}）`}
                  value={data.levelCounts[l]}
                  styles={{ content: { color: LEVEL_COLORS[l] } }}
                />
              </Col>
            ))}
          </Row>
        )}
      </Card>
      {result.error && <Alert type="error" showIcon title={result.error.message} />}
      {data === undefined ? (
        !result.error && <Spin size="large" />
      ) : (
        <>
          <Card title="被巡察单位状态（红/橙/黄/绿：未办结线索的最高等级）">
            <UnitGrid data={data} />
          </Card>
          <Charts data={data} />
          <Card title="来源健康">
            <SourceHealthTable sources={data.sources} />
          </Card>
        </>
      )}
    </Space>
  );
}
