// The subordinate units (下属单位) of one watched unit: each name and its aliases count as the parent.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Space } from 'antd';

/** The editable list of a unit's subordinate units, nested in the unit's card. */
export function ChildFields({ unitField }: { unitField: number }) {
  return (
    <Form.List name={[unitField, 'children']}>
      {(fields, { add, remove }) => (
        <Form.Item label="下属单位（其名称计入本单位）" style={{ marginBottom: 0 }}>
          {fields.map((field) => (
            <Space.Compact
              key={field.key}
              block
              style={{ marginBottom: 8 }}
              data-testid={`unit-child-${unitField}-${field.name}`}
            >
              <Form.Item
                name={[field.name, 'name']}
                noStyle
                rules={[{ required: true, message: '请填写下属单位全称' }]}
              >
                <Input placeholder="下属单位全称" style={{ width: '45%' }} />
              </Form.Item>
              <Form.Item name={[field.name, 'aliases']} noStyle>
                <Select
                  mode="tags"
                  tokenSeparators={[',', '，', '、']}
                  placeholder="简称（回车添加）"
                  open={false}
                  style={{ width: '45%' }}
                />
              </Form.Item>
              <Button
                icon={<DeleteOutlined />}
                onClick={() => remove(field.name)}
                aria-label="删除下属单位"
              />
            </Space.Compact>
          ))}
          <Button
            type="dashed"
            size="small"
            icon={<PlusOutlined />}
            onClick={() => add({ name: '', aliases: [] })}
            data-testid={`unit-child-add-${unitField}`}
          >
            添加下属单位
          </Button>
        </Form.Item>
      )}
    </Form.List>
  );
}
