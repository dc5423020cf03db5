// The search box and the filter row; changes are pushed to the URL by the page.
import { SearchOutlined } from '@ant-design/icons';
import { Button, Checkbox, DatePicker, Form, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useSession } from '../auth/session.js';
import {
  LEVEL_LABELS,
  LEVELS,
  PHASE_LABELS,
  PHASES,
  SOURCE_TYPE_LABELS,
  TIP_STATUS_LABELS,
  TIP_STATUSES,
} from '../shared/labels.js';
import type { SearchState } from './search-params.js';

interface FilterValues extends Omit<SearchState, 'from' | 'to' | 'page' | 'fold'> {
  range?: [Dayjs | null, Dayjs | null] | null;
  fold?: boolean;
}

function toValues(state: SearchState): FilterValues {
  const { from, to, page: _page, fold, ...rest } = state;
  return {
    ...rest,
    fold: fold !== '0',
    range: from || to ? [from ? dayjs(from) : null, to ? dayjs(to) : null] : null,
  };
}

function toState(values: FilterValues): SearchState {
  const { range, fold, ...rest } = values;
  const state: SearchState = fold === false ? { fold: '0' } : {};
  for (const [key, value] of Object.entries(rest)) {
    if (typeof value === 'string' && value.trim() !== '') state[key as keyof SearchState] = value.trim();
  }
  const [from, to] = range ?? [];
  if (from) state.from = from.format('YYYY-MM-DD');
  if (to) state.to = to.format('YYYY-MM-DD');
  return state;
}

const options = <T extends string>(values: readonly T[], labels: Readonly<Record<string, string>>) =>
  values.map((value) => ({ value, label: labels[value] ?? value }));

/** Query box and filters (round, unit, level, phase, source type, source, time range, tip status, sort). */
export function SearchFilters({
  state,
  onSearch,
}: {
  state: SearchState;
  onSearch: (s: SearchState) => void;
}) {
  const { config } = useSession();
  const [form] = Form.useForm<FilterValues>();
  const round = Form.useWatch('round', form);
  const rounds = config?.rounds ?? [];
  const units = rounds.filter((r) => round === undefined || r.id === round).flatMap((r) => r.units);
  const sourceTypes = [...new Set((config?.sources ?? []).map((s) => s.type))];

  return (
    <Form<FilterValues>
      form={form}
      layout="inline"
      initialValues={toValues(state)}
      key={JSON.stringify(state)}
      onFinish={(values) => onSearch(toState(values))}
      className="search-filters"
    >
      <Form.Item name="q" style={{ width: '100%', marginBottom: 12 }}>
        <Input.Search
          id="search-q"
          placeholder='输入关键词，支持 "精确短语"、-排除词、A OR B'
          enterButton={<SearchOutlined />}
          allowClear
          onSearch={() => form.submit()}
        />
      </Form.Item>
      <Space wrap size={[8, 8]}>
        <Form.Item name="round" noStyle>
          <Select
            allowClear
            placeholder="轮次"
            style={{ width: 220 }}
            options={rounds.map((r) => ({ value: r.id, label: r.name }))}
            onChange={() => form.setFieldValue('unit', undefined)}
            data-testid="filter-round"
          />
        </Form.Item>
        <Form.Item name="unit" noStyle>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="被巡察单位"
            style={{ width: 220 }}
            options={units.map((u) => ({ value: u.id, label: u.name }))}
            data-testid="filter-unit"
          />
        </Form.Item>
        <Form.Item name="level" noStyle>
          <Select
            allowClear
            placeholder="等级"
            style={{ width: 90 }}
            options={options(LEVELS, LEVEL_LABELS)}
            data-testid="filter-level"
          />
        </Form.Item>
        <Form.Item name="phase" noStyle>
          <Select
            allowClear
            placeholder="阶段"
            style={{ width: 90 }}
            options={options(PHASES, PHASE_LABELS)}
          />
        </Form.Item>
        <Form.Item name="sourceType" noStyle>
          <Select
            allowClear
            placeholder="来源类型"
            style={{ width: 120 }}
            options={options(sourceTypes, SOURCE_TYPE_LABELS)}
          />
        </Form.Item>
        <Form.Item name="source" noStyle>
          <Select
            allowClear
            placeholder="来源"
            style={{ width: 150 }}
            options={(config?.sources ?? []).map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
        <Form.Item name="range" noStyle>
          <DatePicker.RangePicker allowEmpty={[true, true]} placeholder={['开始日期', '结束日期']} />
        </Form.Item>
        <Form.Item name="tipStatus" noStyle>
          <Select
            allowClear
            placeholder="线索状态"
            style={{ width: 110 }}
            options={options(TIP_STATUSES, TIP_STATUS_LABELS)}
          />
        </Form.Item>
        <Form.Item name="sort" noStyle>
          <Select
            placeholder="排序"
            style={{ width: 110 }}
            options={[
              { value: 'time', label: '按时间' },
              { value: 'score', label: '按风险分' },
            ]}
          />
        </Form.Item>
        <Form.Item name="fold" valuePropName="checked" noStyle>
          <Checkbox>合并转载</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="search-submit">
          检索
        </Button>
        <Button onClick={() => onSearch({})}>重置</Button>
      </Space>
    </Form>
  );
}
