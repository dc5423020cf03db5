// Actions on an item: make a tip for one of its units (研判为线索), or dismiss an open tip of its story (排除).
import { App, Button, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { sendJson } from '../api/client.js';
import type { ArticleDetail, Tip } from '../api/types.js';
import { DISMISS_LABELS } from '../shared/labels.js';

type UnitRef = NonNullable<ArticleDetail['units']>[number];

interface MakeTipValues {
  unit: string;
  note?: string;
}

interface DismissValues {
  tipId: string;
  reason: string;
  phrase?: string;
  note?: string;
}

const OPEN: readonly string[] = ['new', 'assigned', 'in_progress'];

/** The 生成线索 / 排除 buttons and their dialogs; `onDone` reloads the item. */
export function DetailActions(props: {
  articleId: string;
  units: UnitRef[];
  tips: Tip[];
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<'tip' | 'dismiss' | undefined>(undefined);
  const [tipForm] = Form.useForm<MakeTipValues>();
  const [dismissForm] = Form.useForm<DismissValues>();
  const openTips = props.tips.filter((t) => OPEN.includes(t.status));

  const makeTip = async (values: MakeTipValues) => {
    const [roundId, unitId] = values.unit.split('\u0000');
    try {
      await sendJson('POST', `/api/articles/${encodeURIComponent(props.articleId)}/tips`, {
        roundId,
        unitId,
        ...(values.note ? { note: values.note } : {}),
      });
      message.success('已生成线索');
      setDialog(undefined);
      props.onDone();
    } catch (err) {
      message.error(err instanceof Error ? err.message : '生成线索失败');
    }
  };

  const dismiss = async (values: DismissValues) => {
    try {
      await sendJson('POST', `/api/tips/${encodeURIComponent(values.tipId)}/transitions`, {
        action: 'dismiss',
        reason: values.reason,
        ...(values.phrase ? { phrase: values.phrase } : {}),
        ...(values.note ? { note: values.note } : {}),
      });
      message.success('已排除');
      setDialog(undefined);
      props.onDone();
    } catch (err) {
      message.error(err instanceof Error ? err.message : '排除失败');
    }
  };

  return (
    <Space>
      <Button type="primary" disabled={props.units.length === 0} onClick={() => setDialog('tip')}>
        生成线索
      </Button>
      <Button danger disabled={openTips.length === 0} onClick={() => setDialog('dismiss')}>
        排除
      </Button>
      <Modal
        title="生成线索"
        open={dialog === 'tip'}
        okText="生成"
        cancelText="取消"
        onOk={() => tipForm.submit()}
        onCancel={() => setDialog(undefined)}
        destroyOnHidden
      >
        <Form form={tipForm} layout="vertical" onFinish={(v) => void makeTip(v)} preserve={false}>
          <Form.Item name="unit" label="被巡察单位" rules={[{ required: true, message: '请选择单位' }]}>
            <Select
              options={props.units.map((u) => ({
                value: `${u.roundId}\u0000${u.unitId}`,
                label: u.unitName,
              }))}
            />
          </Form.Item>
          <Form.Item name="note" label="研判意见">
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title="排除线索"
        open={dialog === 'dismiss'}
        okText="排除"
        cancelText="取消"
        okButtonProps={{ danger: true }}
        onOk={() => dismissForm.submit()}
        onCancel={() => setDialog(undefined)}
        destroyOnHidden
      >
        <Form
          form={dismissForm}
          layout="vertical"
          onFinish={(v) => void dismiss(v)}
          preserve={false}
          initialValues={{ tipId: openTips[0]?.id, reason: 'false_positive' }}
        >
          <Form.Item name="tipId" label="线索" rules={[{ required: true }]}>
            <Select options={openTips.map((t) => ({ value: t.id, label: `${t.unitName}（${t.id}）` }))} />
          </Form.Item>
          <Form.Item name="reason" label="排除原因" rules={[{ required: true }]}>
            <Select options={Object.entries(DISMISS_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="phrase" label="建议排除短语（误报时可填，管理员审核后生效）">
            <Input />
          </Form.Item>
          <Form.Item name="note" label="备注">
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
