import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useSession } from './session.js';

interface LoginValues {
  username: string;
  password: string;
}

/** 登录: username and password; errors from the server shown above the form. */
export function LoginPage() {
  const { login } = useSession();
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const onFinish = async (values: LoginValues) => {
    setBusy(true);
    setError(undefined);
    try {
      await login(values.username, values.password);
    } catch (err) {
      setError(err instanceof Error ? err.message : '登录失败');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-screen">
      <Card className="login-card" data-testid="login-card">
        <Typography.Title level={3}>巡察舆情监测控制台</Typography.Title>
        <Typography.Paragraph type="secondary">请使用巡察办分配的账号登录</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} className="login-error" />}
        <Form<LoginValues> layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" id="login-username" />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" id="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}
