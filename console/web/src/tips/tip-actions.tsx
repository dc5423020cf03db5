// The workflow step forms of a tip: 分办 (team, person, due date), 开始处置, 办结 (result), 排除 (reason).
import { App, Button, DatePicker, Form, Input, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { sendJson } from '../api/client.js';
import type { TipDetail, TipView } from '../api/types.js';
import { useSession } from '../auth/session.js';
import { DISMISS_LABELS } from '../shared/labels.js';

type Action = 'assign' | 'start' | 'close' | 'dismiss';

interface StepValues {
  team?: string;
  assignee?: string;
  due?: Dayjs;
  result?: string;
  reason?: string;
  phrase?: string;
  note?: string;
}

const ALLOWED: Readonly<Record<string, readonly Action[]>> = {
  new: ['assign', 'dismiss'],
  assigned: ['assign', 'start', 'dismiss'],
  in_progress: ['close', 'dismiss'],
  closed: [],
  dismissed: [],
};

const ACTION_TEXT: Readonly<Record<Action, string>> = {
  assign: '分办',
  start: '开始处置',
  close: '办结',
  dismiss: '排除',
};

function bodyOf(action: Action, v: StepValues): Record<string, string> {
  const body: Record<string, string> = { action };
  if (v.note) body.note = v.note;
  if (action === 'assign') {
    if (v.team) body.team = v.team;
    if (v.assignee) body.assignee = v.assignee;
    if (v.due) body.dueAt = v.due.format('YYYY-MM-DD');
  }
  if (action === 'close') body.result = v.result ?? '';
  if (action === 'dismiss') {
    body.reason = v.reason ?? 'false_positive';
    if (v.phrase) body.phrase = v.phrase;
  }
  return body;
}

/** The step buttons allowed from the tip's status (as alerts/workflow/transitions.ts), and the chosen step's form. */
export function TipActions({ tip, onChanged }: { tip: TipView; onChanged: (d: TipDetail) => void }) {
  const { config } = useSession();
  const { message } = App.useApp();
  const [action, setAction] = useState<Action | undefined>(undefined);
  const [form] = Form.useForm<StepValues>();
  const teams = config?.teams ?? [
    ...new Set((config?.rounds ?? []).flatMap((r) => r.units.flatMap((u) => u.team ?? []))),
  ];

  const submit = async (values: StepValues) => {
    if (action === undefined) return;
    try {
      const detail = await sendJson<TipDetail>(
        'POST',
        `/api/tips/${encodeURIComponent(tip.id)}/transitions`,
        bodyOf(action, values),
      );
      message.success(`${ACTION_TEXT[action]}成功`);
      setAction(undefined);
      form.resetFields();
      onChanged(detail);
    } catch (err) {
      message.error(err instanceof Error ? err.message : '操作失败');
    }
  };

  const allowed = ALLOWED[tip.status] ?? [];
  return (
    <div className="tip-actions">
      <Space wrap>
        {allowed.map((a) => (
          <Button
            key={a}
            type={action === a ? 'primary' : 'default'}
            danger={a === 'dismiss'}
            onClick={() => setAction(action === a ? undefined : a)}
            data-testid={`tip-action-${a}`}
          >
            {ACTION_TEXT[a]}
          </Button>
        ))}
      </Space>
      {action && (
        <Form<StepValues>
          form={form}
          layout="vertical"
          style={{ marginTop: 12 }}
          onFinish={(v) => void submit(v)}
          initialValues={{ team: tip.team, assignee: tip.assignee, reason: 'false_positive' }}
        >
          {action === 'assign' && (
            <>
              <Form.Item name="team" label="巡察组">
                <Select
                  allowClear
                  options={teams.map((t) => ({ value: t, label: t }))}
                  data-testid="assign-team"
                />
              </Form.Item>
              <Form.Item name="assignee" label="责任人">
                <Input placeholder="姓名" id="assign-assignee" />
              </Form.Item>
              <Form.Item name="due" label="办理期限" rules={[{ required: true, message: '请选择办理期限' }]}>
                <DatePicker
                  id="assign-due"
                  style={{ width: '100%' }}
                  disabledDate={(day) => day.isBefore(dayjs(), 'day')}
                  // Enter picks the typed date; it must not also submit the assignment.
                  onKeyDown={(event) => {
                    if (event.key === 'Enter') event.preventDefault();
                  }}
                />
              </Form.Item>
            </>
          )}
          {action === 'close' && (
            <Form.Item name="result" label="办结结果" rules={[{ required: true, message: '请填写办结结果' }]}>
              <Input.TextArea rows={3} id="close-result" />
            </Form.Item>
          )}
          {action === 'dismiss' && (
            <>
              <Form.Item name="reason" label="排除原因">
                <Select
                  options={Object.entries(DISMISS_LABELS).map(([value, label]) => ({ value, label }))}
                />
              </Form.Item>
              <Form.Item name="phrase" label="建议排除短语（误报时可填）">
                <Input />
              </Form.Item>
            </>
          )}
          <Form.Item name="note" label="备注">
            <Input.TextArea rows={2} />
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="tip-action-submit">
            确认{ACTION_TEXT[action]}
          </Button>
        </Form>
      )}
    </div>
  );
}
