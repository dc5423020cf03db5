// Saved searches of the signed-in user: save the current filters under a name, reapply or delete them.
import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { sendJson } from '../api/client.js';
import type { SavedSearch } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import type { SearchState } from './search-params.js';

/** The save button and the list of saved searches. */
export function SavedSearches({ state, onApply }: { state: SearchState; onApply: (s: SearchState) => void }) {
  const { message } = App.useApp();
  const saved = useApi<{ savedSearches: SavedSearch[] }>('/api/saved-searches');
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');

  const save = async () => {
    const { page: _page, ...params } = state;
    try {
      await sendJson('POST', '/api/saved-searches', { name: name.trim(), params });
      message.success('已保存检索条件');
      setNaming(false);
      setName('');
      saved.reload();
    } catch (err) {
      message.error(err instanceof Error ? err.message : '保存失败');
    }
  };

  const remove = async (id: string) => {
    await sendJson('DELETE', `/api/saved-searches/${encodeURIComponent(id)}`);
    saved.reload();
  };

  const list = saved.data?.savedSearches ?? [];
  const items = list.map((s) => ({
    key: s.id,
    label: (
      <Space>
        <span data-testid="saved-search-name">{s.name}</span>
        <DeleteOutlined
          aria-label={`删除 ${s.name}`}
          onClick={(event) => {
            event.stopPropagation();
            void remove(s.id);
          }}
        />
      </Space>
    ),
  }));

  return (
    <Space>
      <Button icon={<SaveOutlined />} onClick={() => setNaming(true)}>
        保存检索
      </Button>
      <Dropdown
        disabled={list.length === 0}
        menu={{
          items,
          onClick: ({ key }) => {
            const found = list.find((s) => s.id === key);
            if (found) onApply(found.params as SearchState);
          },
        }}
      >
        <Button>我的检索（{list.length}）</Button>
      </Dropdown>
      <Modal
        title="保存检索条件"
        open={naming}
        okText="保存"
        cancelText="取消"
        okButtonProps={{ disabled: name.trim() === '' }}
        onOk={() => void save()}
        onCancel={() => setNaming(false)}
      >
        <Input placeholder="名称，如：住建局 红色" value={name} onChange={(e) => setName(e.target.value)} />
      </Modal>
    </Space>
  );
}
