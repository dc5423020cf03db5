// 取证: the snapshot's hash and fetch time, a download, a verify button, the raw page in a sandboxed frame
// (no scripts, opaque origin) and, for browser sources, the screenshot.
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Empty, Space, Typography } from 'antd';
import { getJson } from '../api/client.js';
import type { EvidenceDetail } from '../api/types.js';
import { ExternalLink } from '../shared/external-link.js';
import { formatTime } from '../shared/format.js';

interface VerifyAnswer {
  ok: boolean;
  message?: string;
}

/** The evidence snapshot of an item, or a note that none was kept. */
export function EvidencePanel({ evidence }: { evidence: EvidenceDetail | undefined }) {
  const { message } = App.useApp();
  if (evidence === undefined) return <Empty description="该信息未保存取证材料" />;
  const { evidence: record, files } = evidence;

  const verify = async () => {
    try {
      const answer = await getJson<VerifyAnswer>(`${files.response.replace(/\/response$/, '')}/verify`);
      if (answer.ok) message.success('校验通过：文件与记录的 SHA-256 一致');
      else message.error(answer.message ?? '校验失败：文件已被改动或缺失');
    } catch (err) {
      message.error(err instanceof Error ? err.message : '校验失败');
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12} className="evidence-panel">
      <Descriptions size="small" column={1} bordered styles={{ label: { whiteSpace: 'nowrap', width: 110 } }}>
        <Descriptions.Item label="SHA-256">
          <span className="mono" data-testid="evidence-sha256">
            {record.sha256}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label="抓取时间">{formatTime(record.fetchedAt)}</Descriptions.Item>
        <Descriptions.Item label="最终地址">
          <ExternalLink url={record.finalUrl} />
        </Descriptions.Item>
        <Descriptions.Item label="响应">
          HTTP {record.status} · {record.contentType} · {record.size} 字节
        </Descriptions.Item>
        {record.screenshotSha256 && (
          <Descriptions.Item label="截图 SHA-256">
            <span className="mono">{record.screenshotSha256}</span>
          </Descriptions.Item>
        )}
      </Descriptions>
      <Space>
        <Button href={files.response} download={files.responseFileName}>
          下载原始页面
        </Button>
        <Button icon={<SafetyCertificateOutlined />} onClick={() => void verify()}>
          校验完整性
        </Button>
      </Space>
      {files.frame && (
        <>
          <Typography.Text type="secondary">原始页面快照（已禁用脚本，仅供查看）</Typography.Text>
          {/* sandbox="" = no scripts, no forms, no popups, opaque origin; the server adds a sandbox CSP too. */}
          <iframe
            title="原始页面快照"
            className="evidence-frame"
            sandbox=""
            referrerPolicy="no-referrer"
            src={files.frame}
            data-testid="evidence-frame"
          />
        </>
      )}
      {files.screenshot && (
        <>
          <Typography.Text type="secondary">页面截图</Typography.Text>
          <img className="evidence-shot" src={files.screenshot} alt="页面截图" />
        </>
      )}
    </Space>
  );
}
