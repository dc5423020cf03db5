// The shell: login gate, top menu, user menu and the screen of the current path.
import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Dropdown, Layout, Menu, Result, Spin } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { LoginPage } from './auth/login-page.js';
import { PasswordPage } from './auth/password-page.js';
import { isAdmin, useSession } from './auth/session.js';
import { DetailPage } from './detail/detail-page.js';
import { SearchPage } from './search/search-page.js';
import { matchPath, navigate, useLocation } from './shared/router.js';
import { TipsPage } from './tips/tips-page.js';

// ECharts is large: the dashboard and its charts load only when opened; so do the admin-only screens.
const DashboardPage = lazy(() =>
  import('./dashboard/dashboard-page.js').then((m) => ({ default: m.DashboardPage })),
);
const RoundsPage = lazy(() => import('./rounds/rounds-page.js').then((m) => ({ default: m.RoundsPage })));
const AuditPage = lazy(() => import('./audit/audit-page.js').then((m) => ({ default: m.AuditPage })));
const LedgerPage = lazy(() => import('./ledger/ledger-page.js').then((m) => ({ default: m.LedgerPage })));
const ProblemPage = lazy(() => import('./ledger/problem-page.js').then((m) => ({ default: m.ProblemPage })));
const FailedAlertsPage = lazy(() =>
  import('./alerts/failed-alerts-page.js').then((m) => ({ default: m.FailedAlertsPage })),
);
const SuggestionsPage = lazy(() =>
  import('./suggestions/suggestions-page.js').then((m) => ({ default: m.SuggestionsPage })),
);
const UsersPage = lazy(() => import('./users/users-page.js').then((m) => ({ default: m.UsersPage })));

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Spin size="large" />}>{children}</Suspense>;
}

const ROLE_LABELS: Readonly<Record<string, string>> = {
  admin: '管理员',
  officer: '舆情监测员',
  team: '巡察组',
};

function Screen({ path }: { path: string }) {
  const { user } = useSession();
  const article = matchPath('/articles/:id', path);
  if (article?.id !== undefined) return <DetailPage id={article.id} />;
  if (path === '/' || path === '/search') return <SearchPage />;
  if (path === '/tips') return <TipsPage />;
  if (path === '/password') return <PasswordPage />;
  const problem = matchPath('/ledger/:round/:id', path);
  if (problem?.round !== undefined && problem.id !== undefined) {
    return (
      <Lazy>
        <ProblemPage roundId={problem.round} id={problem.id} />
      </Lazy>
    );
  }
  if (path === '/ledger') {
    return (
      <Lazy>
        <LedgerPage />
      </Lazy>
    );
  }
  if (path === '/dashboard') {
    return (
      <Lazy>
        <DashboardPage />
      </Lazy>
    );
  }
  if (path === '/rounds' && isAdmin(user)) {
    return (
      <Lazy>
        <RoundsPage />
      </Lazy>
    );
  }
  if (path === '/audit' && isAdmin(user)) {
    return (
      <Lazy>
        <AuditPage />
      </Lazy>
    );
  }
  if (path === '/users' && isAdmin(user)) {
    return (
      <Lazy>
        <UsersPage />
      </Lazy>
    );
  }
  if (path === '/failed-alerts' && isAdmin(user)) {
    return (
      <Lazy>
        <FailedAlertsPage />
      </Lazy>
    );
  }
  if (path === '/suggestions' && user?.role !== 'team') {
    return (
      <Lazy>
        <SuggestionsPage />
      </Lazy>
    );
  }
  if (['/rounds', '/audit', '/users', '/failed-alerts'].includes(path)) {
    return <Result status="403" title="无权访问" subTitle="该页面仅管理员可用" />;
  }
  if (path === '/suggestions') {
    return <Result status="403" title="无权访问" subTitle="该页面仅管理员和舆情监测员可用" />;
  }
  return <Result status="404" title="页面不存在" />;
}

function menuKey(path: string): string {
  if (path.startsWith('/articles/') || path === '/') return '/search';
  if (path.startsWith('/ledger')) return '/ledger';
  return path;
}

/** The console: the login page until signed in, then the menu and the current screen. */
export function App() {
  const { user, logout } = useSession();
  const { path } = useLocation();
  if (user === undefined) return <Spin size="large" fullscreen />;
  if (user === null) return <LoginPage />;
  if (user.mustChangePassword) return <PasswordPage />;

  const items = [
    { key: '/search', label: '检索' },
    { key: '/tips', label: '线索' },
    { key: '/dashboard', label: '态势' },
    { key: '/ledger', label: '整改台账' },
    ...(user.role !== 'team' ? [{ key: '/suggestions', label: '排除建议' }] : []),
    ...(isAdmin(user)
      ? [
          { key: '/failed-alerts', label: '失败预警' },
          { key: '/rounds', label: '轮次配置' },
          { key: '/users', label: '账号管理' },
          { key: '/audit', label: '审计日志' },
        ]
      : []),
  ];
  const userMenu = {
    items: [
      { key: 'role', label: `角色：${ROLE_LABELS[user.role] ?? user.role}`, disabled: true },
      { key: 'password', label: '修改密码', icon: <KeyOutlined /> },
      { key: 'logout', label: '退出登录', icon: <LogoutOutlined /> },
    ],
    onClick: ({ key }: { key: string }) => {
      if (key === 'logout') void logout().then(() => navigate('/', true));
      if (key === 'password') navigate('/password');
    },
  };

  return (
    <Layout>
      <Layout.Header className="app-header">
        <span className="app-brand">巡察舆情监测</span>
        <Menu
          className="app-menu"
          theme="dark"
          mode="horizontal"
          selectedKeys={[menuKey(path)]}
          items={items}
          onClick={({ key }) => navigate(key)}
        />
        <Dropdown menu={userMenu} trigger={['click']}>
          <span className="app-user" data-testid="user-menu">
            <UserOutlined /> {user.team ? `${user.name}（${user.team}）` : user.name} <DownOutlined />
          </span>
        </Dropdown>
      </Layout.Header>
      <Layout.Content className="app-content">
        <Screen path={path} />
      </Layout.Content>
    </Layout>
  );
}
