// One tip in a drawer: its facts, the workflow steps, notes and the full history.
import {
  App,
  Button,
  Descriptions,
  Divider,
  Drawer,
  Input,
  Space,
  Spin,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { getJson, sendJson } from '../api/client.js';
import type { TipDetail } from '../api/types.js';
import { formatTime, isOverdue } from '../shared/format.js';
import { ACTION_LABELS, DISMISS_LABELS, PHASE_LABELS, TIP_STATUS_LABELS } from '../shared/labels.js';
import { LevelTag } from '../shared/level-tag.js';
import { Link } from '../shared/router.js';
import { TipActions } from './tip-actions.js';

const DETAIL_LABELS: Readonly<Record<string, string>> = {
  team: '巡察组',
  assignee: '责任人',
  dueAt: '期限',
  result: '结果',
  reason: '原因',
  phrase: '建议排除短语',
};

function detailText(key: string, value: string): string {
  if (key === 'dueAt') return formatTime(value);
  if (key === 'reason') return (DISMISS_LABELS as Readonly<Record<string, string>>)[value] ?? value;
  return value;
}

/** The tip drawer; `onChanged` refreshes the board after a step. */
export function TipDrawer(props: { tipId: string | undefined; onClose: () => void; onChanged: () => void }) {
  const { message } = App.useApp();
  const [detail, setDetail] = useState<TipDetail | undefined>(undefined);
  const [note, setNote] = useState('');

  useEffect(() => {
    setDetail(undefined);
    if (props.tipId === undefined) return;
    getJson<TipDetail>(`/api/tips/${encodeURIComponent(props.tipId)}`)
      .then(setDetail)
      .catch((err: unknown) => message.error(err instanceof Error ? err.message : '加载线索失败'));
  }, [props.tipId, message]);

  const changed = (next: TipDetail) => {
    setDetail((prev) => ({ ...next, notes: next.notes ?? prev?.notes }));
    props.onChanged();
  };

  const addNote = async () => {
    if (detail === undefined || note.trim() === '') return;
    try {
      await sendJson('POST', `/api/tips/${encodeURIComponent(detail.tip.id)}/notes`, { text: note.trim() });
      setNote('');
      setDetail(await getJson<TipDetail>(`/api/tips/${encodeURIComponent(detail.tip.id)}`));
    } catch (err) {
      message.error(err instanceof Error ? err.message : '添加备注失败');
    }
  };

  const tip = detail?.tip;
  return (
    <Drawer
      open={props.tipId !== undefined}
      onClose={props.onClose}
      size={560}
      title="线索详情"
      destroyOnHidden
    >
      {tip === undefined || detail === undefined ? (
        <Spin />
      ) : (
        <div data-testid="tip-drawer" data-status={tip.status}>
          <Typography.Title level={5}>
            <Link to={`/articles/${encodeURIComponent(tip.articleId)}`}>{tip.title}</Link>
          </Typography.Title>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label="等级">
              <LevelTag level={tip.level} suffix={` ${tip.score}分`} />
            </Descriptions.Item>
            <Descriptions.Item label="状态">
              <Tag data-testid="tip-status">{TIP_STATUS_LABELS[tip.status]}</Tag>
              {isOverdue(tip) && <Tag color="red">已逾期</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label="单位">{tip.unitName}</Descriptions.Item>
            <Descriptions.Item label="阶段">{tip.phase ? PHASE_LABELS[tip.phase] : '—'}</Descriptions.Item>
            <Descriptions.Item label="巡察组">{tip.team ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="责任人">{tip.assignee ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="办理期限">{formatTime(tip.dueAt)}</Descriptions.Item>
            <Descriptions.Item label="来源">{tip.sourceName}</Descriptions.Item>
            {tip.result && <Descriptions.Item label="办结结果">{tip.result}</Descriptions.Item>}
            {tip.dismissReason && (
              <Descriptions.Item label="排除原因">{DISMISS_LABELS[tip.dismissReason]}</Descriptions.Item>
            )}
          </Descriptions>
          <Divider titlePlacement="start">处置</Divider>
          <TipActions tip={tip} onChanged={changed} />
          <Divider titlePlacement="start">备注</Divider>
          {(detail.notes ?? []).map((n) => (
            <div key={n.id} className="tip-note">
              <Typography.Text strong>{n.user}</Typography.Text>{' '}
              <span className="hit-meta">{formatTime(n.at)}</span>
              <div>{n.text}</div>
            </div>
          ))}
          <Space.Compact style={{ width: '100%', marginTop: 8 }}>
            <Input
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder="添加备注"
              id="tip-note"
            />
            <Button onClick={() => void addNote()}>添加</Button>
          </Space.Compact>
          <Divider titlePlacement="start">处置记录</Divider>
          <Timeline
            data-testid="tip-history"
            items={detail.history.map((h) => ({
              key: h.seq,
              content: (
                <div>
                  <div>
                    {formatTime(h.at)} {h.actor} {ACTION_LABELS[h.action] ?? h.action}：
                    {TIP_STATUS_LABELS[h.from]} → {TIP_STATUS_LABELS[h.to]}
                  </div>
                  {Object.entries(h.details ?? {}).map(([k, v]) => (
                    <div key={k} className="hit-meta">
                      {DETAIL_LABELS[k] ?? k}：{detailText(k, v)}
                    </div>
                  ))}
                  {h.note && <div className="hit-meta">备注：{h.note}</div>}
                </div>
              ),
            }))}
          />
        </div>
      )}
    </Drawer>
  );
}
