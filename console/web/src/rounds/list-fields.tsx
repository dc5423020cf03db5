// The keyword and alert-route lists of the round editor.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Form, Input, InputNumber, Select, Space } from 'antd';
import { LEVEL_LABELS, LEVELS, PHASE_LABELS, PHASES } from '../shared/labels.js';

const PHASE_OPTIONS = PHASES.map((p) => ({ value: p, label: PHASE_LABELS[p] }));
const LEVEL_OPTIONS = LEVELS.map((l) => ({ value: l, label: `${LEVEL_LABELS[l]}及以上` }));
const plain = (values: string[]) => values.map((v) => ({ value: v, label: v }));

/** 关注词: term, category, weight 1–10, optional phases. */
export function KeywordFields({ categories }: { categories: string[] }) {
  return (
    <Form.List name="keywords">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <Space key={field.key} align="start" wrap>
              <Form.Item name={[field.name, 'term']} rules={[{ required: true, message: '请填写词语' }]}>
                <Input placeholder="词语" />
              </Form.Item>
              <Form.Item name={[field.name, 'category']} rules={[{ required: true, message: '请填写类别' }]}>
                <AutoComplete style={{ width: 160 }} placeholder="类别" options={plain(categories)} />
              </Form.Item>
              <Form.Item name={[field.name, 'weight']} rules={[{ required: true, message: '请填写权重' }]}>
                <InputNumber min={1} max={10} placeholder="权重" />
              </Form.Item>
              <Form.Item name={[field.name, 'phases']}>
                <Select
                  mode="multiple"
                  allowClear
                  style={{ width: 200 }}
                  placeholder="仅在这些阶段计分"
                  options={PHASE_OPTIONS}
                />
              </Form.Item>
              <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
            </Space>
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add({ term: '', category: '', weight: 5 })}
          >
            添加关注词
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** 告警路由: from a level up, to channels and/or the unit's team, optionally narrowed. */
export function RouteFields(props: { channels: string[]; teams: string[]; unitIds: string[] }) {
  return (
    <Form.List name="alerts">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <Space
              key={field.key}
              align="start"
              wrap
              style={{ borderBottom: '1px dashed #eee', marginBottom: 8 }}
            >
              <Form.Item name={[field.name, 'minLevel']} label="等级" rules={[{ required: true }]}>
                <Select style={{ width: 110 }} options={LEVEL_OPTIONS} />
              </Form.Item>
              <Form.Item name={[field.name, 'channels']} label="通道">
                <Select mode="multiple" style={{ minWidth: 200 }} options={plain(props.channels)} />
              </Form.Item>
              <Form.Item name={[field.name, 'to']} label="发给巡察组">
                <Select
                  allowClear
                  style={{ width: 110 }}
                  options={[{ value: 'team', label: '单位所属组' }]}
                />
              </Form.Item>
              <Form.Item name={[field.name, 'units']} label="限单位">
                <Select mode="multiple" allowClear style={{ minWidth: 140 }} options={plain(props.unitIds)} />
              </Form.Item>
              <Form.Item name={[field.name, 'teams']} label="限组">
                <Select mode="multiple" allowClear style={{ minWidth: 140 }} options={plain(props.teams)} />
              </Form.Item>
              <Form.Item name={[field.name, 'phases']} label="限阶段">
                <Select mode="multiple" allowClear style={{ minWidth: 140 }} options={PHASE_OPTIONS} />
              </Form.Item>
              <Form.Item name={[field.name, 'digest']} label="汇总发送（cron）">
                <Input style={{ width: 130 }} placeholder="0 8 * * *" />
              </Form.Item>
              <Form.Item name={[field.name, 'realert']} label="重复提醒">
                <Input style={{ width: 90 }} placeholder="never / 6h" />
              </Form.Item>
              <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
            </Space>
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add({ minLevel: 'red', channels: [] })}
          >
            添加告警路由
          </Button>
        </>
      )}
    </Form.List>
  );
}
