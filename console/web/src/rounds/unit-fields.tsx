// The unit list of the round editor: name, aliases, exclusions, people, team, kind, subordinate units.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Card, Col, Form, Input, Row, Select, Switch } from 'antd';
import { ChildFields } from './child-fields.js';

const KIND_OPTIONS = [
  { value: 'gov', label: '党政机关' },
  { value: 'company', label: '国有企业' },
  { value: 'institution', label: '事业单位' },
  { value: 'village', label: '村（社区）' },
  { value: 'place', label: '地名' },
  { value: 'other', label: '其他' },
];

const tags = (placeholder: string, testId?: string) => (
  <Select
    mode="tags"
    tokenSeparators={[',', '，', '、']}
    placeholder={placeholder}
    open={false}
    data-testid={testId}
  />
);

/** The editable list of watched units. */
export function UnitFields({ teams }: { teams: string[] }) {
  return (
    <Form.List name="units">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <Card
              key={field.key}
              size="small"
              style={{ marginBottom: 12 }}
              data-testid="unit-editor"
              title={
                <Form.Item noStyle shouldUpdate>
                  {({ getFieldValue }) => getFieldValue(['units', field.name, 'name']) || '新单位'}
                </Form.Item>
              }
              extra={
                <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
              }
            >
              <Row gutter={12}>
                <Col span={6}>
                  <Form.Item
                    name={[field.name, 'id']}
                    label="编号"
                    rules={[{ required: true, message: '请填写编号' }]}
                  >
                    <Input />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item
                    name={[field.name, 'name']}
                    label="全称"
                    rules={[{ required: true, message: '请填写全称' }]}
                  >
                    <Input />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item name={[field.name, 'team']} label="巡察组">
                    <AutoComplete options={teams.map((t) => ({ value: t }))} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name={[field.name, 'aliases']} label="简称/别称（回车添加）">
                    {tags('如：市住建局', `unit-aliases-${field.name}`)}
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name={[field.name, 'exclude']} label="排除词（易混淆的其他单位）">
                    {tags('如：明湖区住建局')}
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name={[field.name, 'people']} label="关注人员">
                    {tags('姓名')}
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item name={[field.name, 'kind']} label="单位类型">
                    <Select allowClear options={KIND_OPTIONS} />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item name={[field.name, 'derive']} label="自动派生简称" valuePropName="checked">
                    <Switch />
                  </Form.Item>
                </Col>
                <Col span={24}>
                  <ChildFields unitField={field.name} />
                </Col>
              </Row>
            </Card>
          ))}
          <Button
            type="dashed"
            block
            icon={<PlusOutlined />}
            onClick={() => add({ id: '', name: '', aliases: [], exclude: [], people: [] })}
          >
            添加被巡察单位
          </Button>
        </>
      )}
    </Form.List>
  );
}
