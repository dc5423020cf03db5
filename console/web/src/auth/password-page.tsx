import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { sendJson } from '../api/client.js';
import { navigate } from '../shared/router.js';
import { useSession } from './session.js';

interface PasswordValues {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

/** 修改密码: required before anything else when the password was generated or set by an admin. */
export function PasswordPage() {
  const { user, refreshUser } = useSession();
  const { message } = App.useApp();
  const [error, setError] = useState<string | undefined>(undefined);

  const onFinish = async (values: PasswordValues) => {
    setError(undefined);
    try {
      await sendJson('POST', '/api/auth/password', {
        oldPassword: values.oldPassword,
        newPassword: values.newPassword,
      });
      message.success('密码已修改');
      await refreshUser();
      navigate('/search', true);
    } catch (err) {
      setError(err instanceof Error ? err.message : '修改失败');
    }
  };

  return (
    <Card className="login-card" style={{ margin: '48px auto' }}>
      <Typography.Title level={4}>修改密码</Typography.Title>
      {user?.mustChangePassword && (
        <Alert
          type="warning"
          showIcon
          title="首次登录或密码已重置，请先设置新密码"
          description="当前密码由系统生成或由管理员设置，改成只有您自己知道的密码后才能使用其他功能。"
          style={{ marginBottom: 16 }}
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<PasswordValues> layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="oldPassword"
          label="当前密码"
          rules={[{ required: true, message: '请输入当前密码' }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="新密码"
          extra="至少 10 个字符；常见密码、键盘连续键、重复或连续的字符、年份以及含用户名的密码都不能通过。"
          rules={[
            { required: true, message: '请输入新密码' },
            { min: 10, message: '新密码至少 10 个字符' },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="确认新密码"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_rule, value) =>
                value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error('两次输入不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block>
          保存
        </Button>
      </Form>
    </Card>
  );
}
