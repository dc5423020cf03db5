// One round in forms: basics and phases, units, keywords, sources, routes; saved through the YAML schema.
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Spin,
  Switch,
  Tabs,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ApiError, sendJson } from '../api/client.js';
import type { RoundConfigResponse } from '../api/round-config.js';
import type { RoundConfig } from '../api/types.js';
import { useApi } from '../api/use-api.js';
import { useSession } from '../auth/session.js';
import { PHASE_LABELS, PHASES } from '../shared/labels.js';
import { DryRunPanel } from './dry-run-panel.js';
import { cleanRound, fieldPath, formRound } from './field-errors.js';
import { KeywordFields, RouteFields } from './list-fields.js';
import { UnitFields } from './unit-fields.js';

/** Show (or clear) errors on the form fields named by server paths. */
function setFieldErrors(
  form: FormInstance<RoundConfig>,
  paths: string[],
  errorsOf: (path: string) => string[],
) {
  // Server paths are checked by the schema, not by the form's static name types.
  form.setFields(paths.map((path) => ({ name: fieldPath(path) as never, errors: errorsOf(path) })));
}

function PhaseFields() {
  return (
    <Row gutter={12}>
      {PHASES.map((p) => (
        <Col span={8} key={p}>
          <Form.Item label={`${PHASE_LABELS[p]}阶段（起 — 止，YYYY-MM-DD）`}>
            <Space.Compact>
              <Form.Item name={['phases', p, 'start']} noStyle>
                <Input placeholder="开始" />
              </Form.Item>
              <Form.Item name={['phases', p, 'end']} noStyle>
                <Input placeholder="结束" />
              </Form.Item>
            </Space.Compact>
          </Form.Item>
        </Col>
      ))}
    </Row>
  );
}

/** The editor of one round with its dry-run box beside it. */
export function RoundEditor({ roundId }: { roundId: string }) {
  const { message } = App.useApp();
  const { reloadConfig } = useSession();
  const loaded = useApi<RoundConfigResponse>(`/api/rounds/${encodeURIComponent(roundId)}/config`);
  const [form] = Form.useForm<RoundConfig>();
  const [errors, setErrors] = useState<string[]>([]);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const errorPaths = useRef<string[]>([]);

  useEffect(() => {
    if (loaded.data) form.setFieldsValue(formRound(loaded.data.round));
  }, [loaded.data, form]);

  const current = (): RoundConfig =>
    cleanRound({ ...loaded.data?.round, ...form.getFieldsValue(true) } as RoundConfig);

  const save = async () => {
    setSaving(true);
    setErrors([]);
    setFieldErrors(form, errorPaths.current, () => []);
    errorPaths.current = [];
    try {
      const answer = await sendJson<{ round: RoundConfig; warnings: string[] }>(
        'PUT',
        `/api/rounds/${encodeURIComponent(roundId)}/config`,
        { round: current() },
      );
      form.setFieldsValue(formRound(answer.round));
      setWarnings(answer.warnings ?? []);
      message.success('已保存，配置已生效');
      await reloadConfig();
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fields).length > 0) {
        errorPaths.current = Object.keys(err.fields);
        setFieldErrors(form, errorPaths.current, (path) => [err.fields[path] ?? '']);
        // Each message already names its place in Chinese (第 2 个单位的名称), as `config check` prints it.
        setErrors(Object.values(err.fields));
      } else {
        setErrors([err instanceof Error ? err.message : '保存失败']);
      }
    } finally {
      setSaving(false);
    }
  };

  if (loaded.error) return <Alert type="error" showIcon title={loaded.error.message} />;
  if (loaded.data === undefined) return <Spin />;
  const { options, file } = loaded.data;
  const unitIds = loaded.data.round.units.map((u) => u.id);

  return (
    <Row gutter={16}>
      <Col xs={24} xl={16}>
        <Card
          title={`编辑轮次（${file}）`}
          extra={
            <Button type="primary" onClick={() => void save()} loading={saving} data-testid="round-save">
              保存并生效
            </Button>
          }
        >
          {errors.length > 0 && (
            <Alert
              type="error"
              showIcon
              title="配置有误，未保存"
              description={errors.join('；')}
              style={{ marginBottom: 12 }}
            />
          )}
          {warnings.length > 0 && (
            <Alert type="warning" showIcon title={warnings.join('；')} style={{ marginBottom: 12 }} />
          )}
          <Form<RoundConfig> form={form} layout="vertical" data-testid="round-form">
            <Tabs
              items={[
                {
                  key: 'basic',
                  label: '基本信息',
                  forceRender: true,
                  children: (
                    <>
                      <Row gutter={12}>
                        <Col span={14}>
                          <Form.Item
                            name="name"
                            label="轮次名称"
                            rules={[{ required: true, message: '请填写名称' }]}
                          >
                            <Input />
                          </Form.Item>
                        </Col>
                        <Col span={4}>
                          <Form.Item name="active" label="监测中" valuePropName="checked">
                            <Switch />
                          </Form.Item>
                        </Col>
                      </Row>
                      <PhaseFields />
                      <Space>
                        {(['red', 'orange', 'yellow'] as const).map((l) => (
                          <Form.Item
                            key={l}
                            name={['levels', l]}
                            label={`${{ red: '红', orange: '橙', yellow: '黄' }[l]}色分数线`}
                          >
                            <InputNumber min={0} />
                          </Form.Item>
                        ))}
                      </Space>
                    </>
                  ),
                },
                {
                  key: 'units',
                  label: '被巡察单位',
                  forceRender: true,
                  children: <UnitFields teams={options.teams} />,
                },
                {
                  key: 'keywords',
                  label: '关注词',
                  forceRender: true,
                  children: <KeywordFields categories={options.categories} />,
                },
                {
                  key: 'sources',
                  label: '采集来源',
                  forceRender: true,
                  children: (
                    <Form.Item name="sources" label="本轮使用的来源">
                      <Select
                        mode="multiple"
                        options={options.sources.map((s) => ({ value: s.id, label: `${s.name}（${s.id}）` }))}
                      />
                    </Form.Item>
                  ),
                },
                {
                  key: 'alerts',
                  label: '告警路由',
                  forceRender: true,
                  children: (
                    <RouteFields channels={options.channels} teams={options.teams} unitIds={unitIds} />
                  ),
                },
              ]}
            />
          </Form>
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <DryRunPanel roundId={roundId} currentRound={current} />
      </Col>
    </Row>
  );
}
