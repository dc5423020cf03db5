// The account form: role and, for 巡察组 accounts, the rounds and units they may see.
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { ALL_UNITS, accountUnits } from '../../../../store/scope.js';
import type { RoundView } from '../api/types.js';
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

/**
 * What a 巡察组 account will see, as the server resolves it (deny by default): one line per round, or the
 * warning that it sees nothing.
 */
export function scopeSummary(values: Partial<UserFormValues>, rounds: readonly RoundView[]): string {
  const units = values.units ?? [];
  const account = { units, ...(values.team ? { team: values.team } : {}) };
  const lines = rounds
    .filter((r) => (values.rounds ?? []).includes(r.id))
    .flatMap((r) => {
      const ids = accountUnits(account, r);
      const names = r.units.filter((u) => ids.includes(u.id)).map((u) => u.name);
      return names.length > 0 ? [`${r.name}：${names.join('、')}`] : [];
    });
  return lines.length > 0
    ? `可见范围：${lines.join('；')}`
    : '未选择单位，且所选轮次中没有单位属于该巡察组：此账号看不到任何信息、线索和统计。';
}

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
  const chosenUnits = Form.useWatch('units', form) ?? [];
  const team = Form.useWatch('team', form);
  const units = [
    { value: ALL_UNITS, label: '所选轮次的全部单位' },
    ...(config?.rounds ?? [])
      .filter((r) => rounds.includes(r.id))
      .flatMap((r) => r.units.map((u) => ({ value: u.id, label: `${u.name}（${r.name}）` }))),
  ];
  const summary = scopeSummary({ rounds, units: chosenUnits, team }, config?.rounds ?? []);
  const empty = summary.startsWith('未选择');

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
            <Form.Item name="units" label="可见单位（不选 = 只看本巡察组负责的单位）">
              <Select mode="multiple" options={units} />
            </Form.Item>
            <Alert type={empty ? 'warning' : 'info'} showIcon message={summary} data-testid="scope-summary" />
          </>
        )}
      </Form>
    </Modal>
  );
}
