import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeHeaderValue, parseMail } from '../../demo/mime.js';

const crlf = (lines: string[]) => Buffer.from(lines.join('\r\n'), 'latin1');

describe('demo mail parsing', () => {
  it('decodes B and Q encoded words, joining a character split across two words', () => {
    const bytes = Buffer.from('巡察预警', 'utf8');
    const a = bytes.subarray(0, 4).toString('base64');
    const b = bytes.subarray(4).toString('base64');
    expect(decodeHeaderValue(`=?UTF-8?B?${a}?= =?UTF-8?B?${b}?=`)).toBe('巡察预警');
    expect(decodeHeaderValue('=?utf-8?Q?=E7=BA=A2=E8=89=B2_alert?= now')).toBe('红色 alert now');
    expect(decodeHeaderValue(`=?GBK?B?${iconv.encode('青石镇', 'gbk').toString('base64')}?=`)).toBe('青石镇');
  });

  it('finds the quoted-printable text/plain part inside nested multiparts, skipping attachments', () => {
    const qp = Buffer.from('风险等级：红色', 'utf8').toString('hex').replace(/(..)/g, '=$1').toUpperCase();
    const raw = crlf([
      'From: =?UTF-8?B?5beh5a+f?= <a@example.org>',
      'To: b@example.org',
      'Subject: test',
      'Content-Type: multipart/mixed; boundary="outer"',
      '',
      '--outer',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Disposition: attachment; filename="a.txt"',
      '',
      'attachment text',
      '--outer',
      'Content-Type: multipart/alternative; boundary=inner',
      '',
      '--inner',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      `${qp.slice(0, 30)}=`,
      qp.slice(30),
      '--inner',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>html</p>',
      '--inner--',
      '--outer--',
      '',
    ]);
    expect(parseMail(raw)).toEqual({
      subject: 'test',
      from: '巡察 <a@example.org>',
      to: 'b@example.org',
      text: '风险等级：红色',
      parts: [
        { contentType: 'text/plain', text: 'attachment text', attachment: true },
        { contentType: 'text/plain', text: '风险等级：红色', attachment: false },
        { contentType: 'text/html', text: '<p>html</p>', attachment: false },
      ],
    });
  });

  it('decodes a GBK base64 single-part body and falls back to stripped HTML', () => {
    const gbk = crlf([
      'Subject: x',
      'Content-Type: text/plain; charset=gbk',
      'Content-Transfer-Encoding: base64',
      '',
      iconv.encode('群众反映办事难', 'gbk').toString('base64'),
    ]);
    expect(parseMail(gbk).text).toBe('群众反映办事难');
    const html = crlf(['Subject: y', 'Content-Type: text/html; charset=utf-8', '', '<p>a &amp; b</p><br>c']);
    expect(parseMail(html).text).toBe('a & b\n\nc');
  });
});
