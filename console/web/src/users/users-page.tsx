// 账号管理 (admin): accounts, roles and team scopes; one-time passwords are shown once, never stored here.
import { App, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { sendJson } from '../api/client.js';
import { useApi } from '../api/use-api.js';
import { useSession } from '../auth/session.js';
import { formatTime } from '../shared/format.js';
import { ROLE_OPTIONS, scopeSummary, UserForm, type UserFormValues } from './user-form.js';

/** An account as GET /api/users lists it. */
interface UserView extends UserFormValues {
  rounds: string[];
  units: string[];
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: string;
  lastLoginAt?: string;
}

const roleLabel = (role: string) => ROLE_OPTIONS.find((r) => r.value === role)?.label ?? role;

/** The account list with create, edit, disable and password reset. */
export function UsersPage() {
  const { message, modal } = App.useApp();
  const { config } = useSession();
  const list = useApi<{ users: UserView[] }>('/api/users');
  const [editing, setEditing] = useState<UserView | 'new' | undefined>(undefined);

  const showPassword = (name: string, password: string | undefined) => {
    if (!password) return;
    modal.info({
      title: `账号 ${name} 的一次性密码`,
      content: (
        <Typography.Paragraph copyable className="mono" data-testid="one-time-password">
          {password}
        </Typography.Paragraph>
      ),
      okText: '我已记下',
    });
  };

  const submit = async (values: UserFormValues) => {
    const scope =
      values.role === 'team'
        ? { rounds: values.rounds ?? [], units: values.units ?? [], team: values.team }
        : {};
    try {
      if (editing === 'new') {
        const answer = await sendJson<{ password?: string }>('POST', '/api/users', {
          name: values.name,
          role: values.role,
          ...scope,
        });
        showPassword(values.name, answer.password);
      } else if (editing !== undefined) {
        await sendJson('PATCH', `/api/users/${encodeURIComponent(editing.name)}`, {
          role: values.role,
          ...(values.role === 'team' ? scope : { rounds: [], units: [] }),
        });
        message.success('已保存');
      }
      setEditing(undefined);
      list.reload();
    } catch (err) {
      message.error(err instanceof Error ? err.message : '保存失败');
    }
  };

  const patch = async (user: UserView, body: Record<string, unknown>) => {
    try {
      const answer = await sendJson<{ password?: string }>(
        'PATCH',
        `/api/users/${encodeURIComponent(user.name)}`,
        body,
      );
      showPassword(user.name, answer.password);
      list.reload();
    } catch (err) {
      message.error(err instanceof Error ? err.message : '操作失败');
    }
  };

  return (
    <Card
      title={
        <Typography.Title level={4} className="screen-title">
          账号管理
        </Typography.Title>
      }
      extra={
        <Button type="primary" onClick={() => setEditing('new')}>
          新建账号
        </Button>
      }
    >
      <Table<UserView>
        rowKey="name"
        size="small"
        loading={list.loading}
        dataSource={list.data?.users ?? []}
        pagination={false}
        columns={[
          { title: '用户名', dataIndex: 'name' },
          { title: '角色', dataIndex: 'role', render: (r: string) => roleLabel(r) },
          { title: '巡察组', dataIndex: 'team' },
          {
            title: '可见范围',
            render: (_v, u) =>
              u.role === 'team' ? scopeSummary(u, config?.rounds ?? []).replace(/^可见范围：/, '') : '全部',
          },
          {
            title: '状态',
            render: (_v, u) => (
              <Space>
                {u.disabled ? <Tag>已停用</Tag> : <Tag color="green">正常</Tag>}
                {u.mustChangePassword && <Tag color="orange">待改密码</Tag>}
              </Space>
            ),
          },
          { title: '最近登录', dataIndex: 'lastLoginAt', render: (v?: string) => formatTime(v) },
          {
            title: '操作',
            render: (_v, u) => (
              <Space>
                <Button size="small" onClick={() => setEditing(u)}>
                  编辑
                </Button>
                <Button
                  size="small"
                  onClick={() =>
                    modal.confirm({
                      title: `重置 ${u.name} 的密码？`,
                      content: '将生成一次性密码，用户登录后须立即修改。',
                      okText: '重置',
                      cancelText: '取消',
                      onOk: () => patch(u, { resetPassword: true }),
                    })
                  }
                >
                  重置密码
                </Button>
                <Button
                  size="small"
                  danger={!u.disabled}
                  onClick={() => void patch(u, { disabled: !u.disabled })}
                >
                  {u.disabled ? '启用' : '停用'}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <UserForm
        open={editing !== undefined}
        initial={editing === 'new' || editing === undefined ? undefined : editing}
        onSubmit={submit}
        onCancel={() => setEditing(undefined)}
      />
    </Card>
  );
}
