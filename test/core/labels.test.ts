import { describe, expect, it } from 'vitest';
import { smtpDeliveryError } from '../../alerts/channels/email.js';
import { alertLine } from '../../cli/commands/alerts.js';
import { alertErrorText, auditDetailText, labelValue, TIP_STATUS_LABELS } from '../../core/labels.js';
import { TIP_STATUS_LABELS as FROM_TYPES } from '../../core/types.js';

describe('labels', () => {
  it('turns an audit detail into Chinese without raw JSON or enum values', () => {
    const text = auditDetailText({ action: 'assign', from: 'new', to: 'assigned', reason: 'false_positive' });
    expect(text).toBe('操作：分办；原状态：待研判；新状态：已分办；原因：误报');
    expect(text).not.toMatch(/[{}"]|assign|false_positive/);
  });

  it('labels nested values and lists and keeps names as they are', () => {
    expect(auditDetailText({ params: { q: '明湖区', level: 'red' }, units: [] })).toBe(
      '条件：关键词=明湖区，等级=红；单位：（无）',
    );
    expect(labelValue('第二巡察组')).toBe('第二巡察组');
  });

  it('is the one module the server types re-export', () => {
    expect(FROM_TYPES).toBe(TIP_STATUS_LABELS);
  });

  it('says in Chinese why a delivery failed and keeps the receiver words', () => {
    const auth = smtpDeliveryError('office-mail', 'smtp.example.gov.cn', {
      code: 'EAUTH',
      message: 'Invalid login',
    });
    expect(alertErrorText(auth.message)).toBe(
      '邮件服务器认证失败（用户名或密码有误）；原文：office-mail: SMTP smtp.example.gov.cn: Invalid login [EAUTH]',
    );
    const refused = smtpDeliveryError('office-mail', 'smtp.example.gov.cn', {
      code: 'ECONNECTION',
      message: 'connect ECONNREFUSED',
    });
    expect(alertErrorText(refused.message)).toMatch(/^无法连接邮件服务器；原文：/);
    expect(alertErrorText('wecom: POST qyapi.weixin.qq.com: error code 93000 invalid webhook url')).toMatch(
      /^机器人返回错误码 93000/,
    );
    expect(alertErrorText('hook: POST 127.0.0.1: HTTP 400 {"error":"bad request"}')).toMatch(
      /^对方拒收（HTTP 400）/,
    );
    expect(alertErrorText('hook: POST 127.0.0.1: no answer within 10000 ms')).toMatch(/^对方 10 秒内无应答/);
    expect(alertErrorText('something new')).toBe('发送失败；原文：something new');
    expect(alertErrorText(undefined)).toBe('—');
  });

  it('shows a handled dead alert as such in `yuqing alerts`', () => {
    const line = alertLine(
      {
        id: 'a1',
        tipId: 'tip-1',
        channel: 'office-mail',
        status: 'dead',
        attempts: 8,
        nextAttemptAt: '2026-11-22T02:00:00.000Z',
        lastError: 'hook: POST 127.0.0.1: HTTP 400',
        createdAt: '2026-11-22T01:00:00.000Z',
        handledAt: '2026-11-22T03:00:00.000Z',
        handledBy: 'admin',
      },
      'Asia/Shanghai',
    );
    expect(line).toContain('错误：对方拒收（HTTP 400）');
    expect(line).toContain('admin 已于 2026-11-22 11:00 标记已处理');
  });
});
