// The add/edit form of one problem (admins and the unit's own team).
import { Form, Input, Modal, Select } from 'antd';
import { sendJson } from '../api/client.js';
import { PROBLEM_STATUS_LABELS, type ProblemStatus, type ProblemView } from './ledger-types.js';

interface FormValues {
  id: string;
  title: string;
  description: string;
  terms: string;
  raisedOn?: string;
  deadline?: string;
  status: ProblemStatus;
}

/** A modal that saves the problem with PUT and calls `onSaved`. */
export function ProblemForm(props: {
  roundId: string;
  unitId: string;
  problem?: ProblemView;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<FormValues>();
  const p = props.problem;
  const save = async () => {
    const v = await form.validateFields();
    await sendJson(
      'PUT',
      `/api/rounds/${encodeURIComponent(props.roundId)}/problems/${encodeURIComponent(v.id)}`,
      {
        id: v.id,
        unitId: props.unitId,
        title: v.title,
        description: v.description ?? '',
        terms: (v.terms ?? '')
          .split(/[；;，,、\n]+/)
          .map((t) => t.trim())
          .filter(Boolean),
        ...(v.raisedOn ? { raisedOn: v.raisedOn } : {}),
        ...(v.deadline ? { deadline: v.deadline } : {}),
        status: v.status,
      },
    );
    props.onSaved();
  };
  return (
    <Modal
      open
      title={p ? `修改问题 ${p.id}` : '新增问题'}
      onOk={save}
      onCancel={props.onClose}
      okText="保存"
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          id: p?.id,
          title: p?.title,
          description: p?.description,
          terms: p?.terms.join('；'),
          raisedOn: p?.raisedOn,
          deadline: p?.deadline,
          status: p?.status ?? 'rectifying',
        }}
      >
        <Form.Item name="id" label="问题编号" rules={[{ required: true, message: '请输入问题编号' }]}>
          <Input disabled={p !== undefined} />
        </Form.Item>
        <Form.Item name="title" label="问题" rules={[{ required: true, message: '请输入问题' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="description" label="问题描述">
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="terms" label="关键词（用；分隔）">
          <Input />
        </Form.Item>
        <Form.Item
          name="raisedOn"
          label="反馈日期"
          rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/, message: '如 2026-10-15' }]}
        >
          <Input placeholder="2026-10-15" />
        </Form.Item>
        <Form.Item
          name="deadline"
          label="整改时限"
          rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/, message: '如 2027-01-15' }]}
        >
          <Input placeholder="2027-01-15" />
        </Form.Item>
        <Form.Item name="status" label="状态">
          <Select
            options={(Object.keys(PROBLEM_STATUS_LABELS) as ProblemStatus[]).map((s) => ({
              value: s,
              label: PROBLEM_STATUS_LABELS[s],
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
