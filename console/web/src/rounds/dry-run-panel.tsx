// 试算: paste a text, see which units of the round (as currently edited, unsaved) match and how it scores.
import { Alert, Button, Card, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, sendJson } from '../api/client.js';
import type { DryRunResult, RoundConfig } from '../api/types.js';
import { ScoreBreakdown } from '../detail/score-breakdown.js';

/** The dry-run box; `currentRound` reads the editor's unsaved state. */
export function DryRunPanel({ roundId, currentRound }: { roundId: string; currentRound: () => RoundConfig }) {
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [result, setResult] = useState<DryRunResult | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const answer = await sendJson<DryRunResult>(
        'POST',
        `/api/rounds/${encodeURIComponent(roundId)}/dry-run`,
        {
          text,
          ...(title.trim() ? { title: title.trim() } : {}),
          round: currentRound(),
        },
      );
      setResult(answer);
    } catch (err) {
      setResult(undefined);
      const fields = err instanceof ApiError ? Object.entries(err.fields).map(([p, m]) => `${p}：${m}`) : [];
      setError([err instanceof Error ? err.message : '试算失败', ...fields].join('；'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="试算（使用当前未保存的配置）" size="small" data-testid="dry-run">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Input
          placeholder="标题（可选）"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          id="dry-run-title"
        />
        <Input.TextArea
          rows={5}
          placeholder="粘贴一段文字，查看会匹配哪些单位、得多少分"
          value={text}
          onChange={(e) => setText(e.target.value)}
          id="dry-run-text"
        />
        <Button type="primary" onClick={() => void run()} loading={busy} disabled={text.trim() === ''}>
          试算
        </Button>
        {error && <Alert type="error" showIcon title={error} />}
        {result && (
          <div data-testid="dry-run-result">
            <Typography.Paragraph>
              匹配单位：
              <span data-testid="dry-run-units">
                {result.units.length === 0 ? '无' : result.units.map((u) => u.unitName).join('、')}
              </span>
            </Typography.Paragraph>
            <ScoreBreakdown
              narrow
              assessments={[
                {
                  roundId,
                  phase: result.phase,
                  units: result.units,
                  score: result.score,
                  level: result.level,
                  parts: result.parts,
                },
              ]}
            />
          </div>
        )}
      </Space>
    </Card>
  );
}
