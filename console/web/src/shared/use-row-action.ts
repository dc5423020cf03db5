// One POST per table row (重试, 采纳…): the row's buttons wait while it runs, then a Chinese toast and a reload.
import { App } from 'antd';
import { useState } from 'react';
import { sendJson } from '../api/client.js';

/** The id of the row whose action is running, and how to run one. */
export function useRowAction(reload: () => void) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const run = async (id: string, path: string, body: unknown, done: string) => {
    setBusy(id);
    try {
      await sendJson('POST', path, body);
      message.success(done);
      reload();
    } catch (err) {
      message.error(err instanceof Error ? err.message : '操作失败');
    } finally {
      setBusy(undefined);
    }
  };
  return { busy, run };
}
