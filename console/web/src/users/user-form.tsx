// The account form: role and, for 巡察组 accounts, the rounds and units they may see.
import { Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { useSession } from '../auth/session.js';

/** What the form edits (POST /api/users, PATCH /api/users/:name). */
export interface UserFormValues {
  name: string;
  role: 'admin' | 'officer' | 'team';
  rounds?: string[];
  units?: string[];
  team?: string;
}

/** Chinese labels of the roles. */
export const ROLE_OPTIONS = [
  { value: 'admin', label: '管理员（巡察办）' },
  { value: 'officer', label: '舆情监测员' },
  { value: 'team', label: '巡察组' },
];

/** The create/edit dialog; `initial` absent = a new account. */
export function UserForm(props: {
  open: boolean;
  initial?: UserFormValues;
  onSubmit: (values: UserFormValues) => Promise<void>;
  onCancel: () => void;
}) {
  const { config } = useSession();
  const [form] = Form.useForm<UserFormValues>();
  const role = Form.useWatch('role', form);
  const rounds = Form.useWatch('rounds', form) ?? [];
  const units = (config?.rounds ?? [])
    .filter((r) => rounds.includes(r.id))
    .flatMap((r) => r.units.map((u) => ({ value: u.id, label: `${u.name}（${r.name}）` })));

  useEffect(() => {
    if (props.open)
      form.setFieldsValue(props.initial ?? { name: '', role: 'officer', rounds: [], units: [] });
  }, [props.open, props.initial, form]);

  return (
    <Modal
      title={props.initial ? `编辑账号 ${props.initial.name}` : '新建账号'}
      open={props.open}
      okText="保存"
      cancelText="取消"
      onOk={() => form.submit()}
      onCancel={props.onCancel}
      destroyOnHidden
    >
      <Form<UserFormValues> form={form} layout="vertical" onFinish={(v) => void props.onSubmit(v)}>
        <Form.Item name="name" label="用户名" rules={[{ required: true, message: '请填写用户名' }]}>
          <Input disabled={props.initial !== undefined} />
        </Form.Item>
        <Form.Item name="role" label="角色" rules={[{ required: true }]}>
          <Select options={ROLE_OPTIONS} />
        </Form.Item>
        {role === 'team' && (
          <>
            <Form.Item name="team" label="巡察组名称">
              <Select
                allowClear
                showSearch
                options={(config?.teams ?? []).map((t) => ({ value: t, label: t }))}
                placeholder="如：第一巡察组"
              />
            </Form.Item>
            <Form.Item
              name="rounds"
              label="可见轮次"
              rules={[{ required: true, message: '请至少选择一个轮次' }]}
            >
              <Select
                mode="multiple"
                options={(config?.rounds ?? []).map((r) => ({ value: r.id, label: r.name }))}
              />
            </Form.Item>
            <Form.Item name="units" label="可见单位（不选 = 所选轮次的全部单位）">
              <Select mode="multiple" options={units} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
