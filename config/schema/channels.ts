import { z } from 'zod';
import { str } from './common.js';

const emailChannel = z.object({
  type: z.literal('email'),
  to: z
    .array(z.string(), { error: 'expected a list of addresses' })
    .min(1, { error: 'expected at least one address' }),
  from: str('a sender address'),
  /** smtp://user:pass@host:port or smtps://... */
  smtp: str('an SMTP URL such as smtp://user:pass@mail.example.org:587').refine(isSmtpUrl, {
    error: (issue) =>
      `expected an SMTP URL such as smtp://user:pass@mail.example.org:587, got "${String(issue.input)}"`,
  }),
});
const robotChannel = z.object({
  type: z.enum(['wecom', 'dingtalk', 'feishu', 'webhook']),
  url: z.url({ error: 'expected an http(s) URL', protocol: /^https?$/ }),
  secret: z.string().optional(),
});
export const channelSchema = z.discriminatedUnion('type', [emailChannel, robotChannel], {
  error: 'expected type to be one of email, wecom, dingtalk, feishu, webhook',
});

/** The reserved key of channels.yaml holding team → channel names (not a channel). */
export const TEAMS_KEY = 'teams';

/** `teams:` in channels.yaml: each inspection team's channels, for routes with `to: team`. */
export const teamsSchema = z.record(
  z.string(),
  z
    .array(z.string(), { error: 'expected a list of channel names' })
    .min(1, { error: 'expected at least one channel name' }),
  { error: 'expected a map of team names to channel lists' },
);

const channelMapSchema = z.record(z.string(), channelSchema, { error: 'expected a map of channel names' });

/**
 * channels.yaml: channel name → channel, plus the optional reserved key `teams` (team → channel names). Parsed
 * into the channels and the teams; a team naming an unknown channel is an error.
 */
export const channelsFileSchema = z
  .record(z.string(), z.unknown(), { error: 'expected a map of channel names' })
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
            message: `unknown channel "${name}" (not defined in channels.yaml)`,
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
