import { z } from 'zod';
import { quote } from '../issue-reason.js';
import { str } from './common.js';

const emailChannel = z.object({
  type: z.literal('email'),
  to: z
    .array(z.string({ error: '应填写邮箱地址' }), { error: '应为收件人地址列表' })
    .min(1, { error: '至少要有一个收件人' }),
  from: str('发件人地址'),
  /** smtp://user:pass@host:port or smtps://... */
  smtp: str('SMTP 地址，如 smtp://用户名:密码@mail.example.org:587').refine(isSmtpUrl, {
    error: (issue) =>
      `应为 SMTP 地址，如 smtp://用户名:密码@mail.example.org:587 或 smtps://…，实际为${quote(issue.input)}`,
  }),
});
const robotChannel = z.object({
  type: z.enum(['wecom', 'dingtalk', 'feishu', 'webhook']),
  url: z.url({ error: (issue) => `应为 http(s) 网址，实际为${quote(issue.input)}`, protocol: /^https?$/ }),
  secret: z.string({ error: '应为文字' }).optional(),
});
export const channelSchema = z.discriminatedUnion('type', [emailChannel, robotChannel], {
  error: (issue) =>
    issue.code === 'invalid_union'
      ? `应为 email、wecom、dingtalk、feishu、webhook 之一，实际为${quote((issue.input as { type?: unknown } | undefined)?.type)}`
      : undefined,
});

/** The reserved key of channels.yaml holding team → channel names (not a channel). */
export const TEAMS_KEY = 'teams';

/** `teams:` in channels.yaml: each inspection team's channels, for routes with `to: team`. */
export const teamsSchema = z.record(
  z.string(),
  z
    .array(z.string({ error: '应填写渠道名称' }), { error: '应为渠道名称列表' })
    .min(1, { error: '至少要有一个渠道名称' }),
  { error: '应为“巡察组名称: [渠道名称…]”的键值' },
);

const channelMapSchema = z.record(z.string(), channelSchema, { error: '应为“渠道名称: 渠道设置”的键值' });

/**
 * channels.yaml: channel name → channel, plus the optional reserved key `teams` (team → channel names). Parsed
 * into the channels and the teams; a team naming an unknown channel is an error.
 */
export const channelsFileSchema = z
  .record(z.string(), z.unknown(), { error: '应为“渠道名称: 渠道设置”的键值' })
  .transform((raw, ctx) => {
    const { [TEAMS_KEY]: rawTeams, ...rest } = raw;
    const channels = channelMapSchema.safeParse(rest);
    const teams = teamsSchema.safeParse(rawTeams ?? {});
    for (const issue of channels.error?.issues ?? []) ctx.addIssue({ ...issue, code: 'custom' });
    for (const issue of teams.error?.issues ?? []) {
      ctx.addIssue({ ...issue, code: 'custom', path: [TEAMS_KEY, ...issue.path] });
    }
    if (!channels.success || !teams.success) return z.NEVER;
    for (const [team, names] of Object.entries(teams.data)) {
      names.forEach((name, i) => {
        if (!Object.hasOwn(channels.data, name)) {
          ctx.addIssue({
            code: 'custom',
            path: [TEAMS_KEY, team, i],
            message: `未知的渠道${quote(name)}（channels.yaml 中没有这个名称）`,
          });
        }
      });
    }
    // The output keeps the file's shape (so unknown keys inside entries are still reported); split it with
    // splitChannelsFile.
    const file: ChannelsFile = { ...channels.data };
    if (rawTeams !== undefined) file[TEAMS_KEY] = teams.data;
    return file;
  });

/** A parsed channels.yaml: channels by name, and the teams map under the reserved key. */
export type ChannelsFile = Record<string, ChannelConfig | TeamsConfig>;

/** The channels and the teams of a parsed channels.yaml. */
export function splitChannelsFile(file: ChannelsFile): {
  channels: Record<string, ChannelConfig>;
  teams: TeamsConfig;
} {
  const { [TEAMS_KEY]: teams, ...channels } = file;
  return {
    channels: channels as Record<string, ChannelConfig>,
    teams: (teams as TeamsConfig | undefined) ?? {},
  };
}

/** Validated channel entry. */
export type ChannelConfig = z.infer<typeof channelSchema>;
/** Team name → channel names (channels.yaml `teams:`). */
export type TeamsConfig = z.infer<typeof teamsSchema>;

/** nodemailer reads anything as a URL and falls back to localhost:587; only smtp(s)://host[:port] is meant. */
function isSmtpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
  } catch {
    return false;
  }
}
