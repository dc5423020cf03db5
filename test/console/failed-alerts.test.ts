// 失败预警 API on a real listening console over a real SQLite file: an admin lists dead alerts with the cause
// in Chinese, re-queues one or marks it handled (audited); nobody else may.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole } from '../../console/server.js';
import type { OutboxAlert } from '../../core/types.js';
import type { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { PLANTED, tempDir } from './fixtures.js';
import { seededStore, testDeps } from './seed.js';
import { createAccount, TEST_PASSWORD } from './session.js';

let base: string;
let store: SqliteStore;
let close: () => Promise<void>;
let dead: OutboxAlert;

interface Client {
  get(path: string): Promise<Response>;
  post(path: string, body?: unknown): Promise<Response>;
}

async function client(name: string): Promise<Client> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: name, password: TEST_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${name}: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const headers = { cookie, 'x-csrf-token': csrfToken };
  return {
    get: (path) => fetch(`${base}${path}`, { headers }),
    post: (path, body = {}) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
  };
}

beforeAll(async () => {
  const tmp = tempDir();
  store = await seededStore(tmp.dir);
  const deps = testDeps(tmp.dir, store);
  await createAccount(store, deps.config, { name: 'admin', role: 'admin' });
  await createAccount(store, deps.config, { name: 'officer', role: 'officer' });
  const running = await startConsole({ ...deps, host: '127.0.0.1', port: 0 });
  base = running.url;
  close = async () => {
    await running.close();
    await store.close();
    tmp.remove();
  };
  // The seeded red tip's email alert is refused for good by the mail server.
  const [alert] = await store.listAlerts('pending');
  if (!alert) throw new Error('seed has no pending alert');
  await store.markAlertFailed(
    alert.id,
    'office-mail: SMTP 127.0.0.1: Invalid login: 535 Authentication failed [EAUTH]',
    new Date().toISOString(),
    true,
  );
  dead = alert;
});

afterAll(async () => close?.());

describe('failed alerts API', () => {
  it('lists a dead alert with its tip and the cause in Chinese', async () => {
    const admin = await client('admin');
    const res = await admin.get('/api/failed-alerts');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { alerts: Record<string, unknown>[]; unhandled: number };
    expect(body.unhandled).toBe(1);
    expect(body.alerts).toHaveLength(1);
    expect(body.alerts[0]).toMatchObject({
      id: dead.id,
      channel: 'office-mail',
      attempts: 1,
      tip: { title: PLANTED.title, unitName: '明州市住房和城乡建设局' },
    });
    expect(body.alerts[0]?.errorText).toMatch(/^邮件服务器认证失败（用户名或密码有误）；原文：/);
  });

  it('refuses officers and bad parameters, and changes nothing', async () => {
    const officer = await client('officer');
    expect((await officer.get('/api/failed-alerts')).status).toBe(403);
    expect((await officer.post(`/api/failed-alerts/${dead.id}/handled`)).status).toBe(403);
    const admin = await client('admin');
    const bad = await admin.get('/api/failed-alerts?handled=maybe');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('handled');
    expect((await admin.post(`/api/failed-alerts/${dead.id}/requeue`, { extra: 1 })).status).toBe(400);
    expect((await admin.post('/api/failed-alerts/no-such-alert/requeue')).status).toBe(404);
    expect((await store.listAlerts('dead')).map((a) => a.id)).toEqual([dead.id]);
  });

  it('marks it handled once, re-queues it, and audits both', async () => {
    const admin = await client('admin');
    const handled = await admin.post(`/api/failed-alerts/${dead.id}/handled`);
    expect(handled.status).toBe(200);
    expect(((await handled.json()) as { alert: OutboxAlert }).alert).toMatchObject({ handledBy: 'admin' });
    const again = await admin.post(`/api/failed-alerts/${dead.id}/handled`);
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { message: string } }).error.message).toContain('已被标记处理');
    const open = (await (await admin.get('/api/failed-alerts')).json()) as {
      alerts: unknown[];
      unhandled: number;
    };
    expect(open).toEqual({ alerts: [], unhandled: 0 });
    const all = (await (await admin.get('/api/failed-alerts?handled=true')).json()) as { alerts: unknown[] };
    expect(all.alerts).toHaveLength(1);

    const requeued = await admin.post(`/api/failed-alerts/${dead.id}/requeue`);
    expect(requeued.status).toBe(200);
    expect((await store.listAlerts('pending')).map((a) => [a.id, a.attempts])).toEqual([[dead.id, 0]]);
    expect((await admin.post(`/api/failed-alerts/${dead.id}/requeue`)).status).toBe(409);

    const audit = await store.listAudit({ user: 'admin' });
    const actions = audit.entries.map((e) => [e.action, e.target]);
    expect(actions).toContainEqual(['alert_handled', dead.id]);
    expect(actions).toContainEqual(['alert_requeue', dead.id]);
  });
});
