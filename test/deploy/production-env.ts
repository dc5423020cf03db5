/** Every variable .env.example lists, filled in. */
export const PRODUCTION_ENV: Record<string, string> = {
  ELASTIC_PASSWORD: 'change-me-please',
  YUQING_SMTP_URL: 'smtp://yuqing:secret@mail.example.org:587',
  YUQING_MAIL_TO: 'xunchaban@example.org',
  YUQING_MAIL_FROM: 'yuqing@example.org',
  YUQING_WECOM_URL: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k',
};
