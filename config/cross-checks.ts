import { validate as isValidCron } from 'node-cron';
import type { FileIssue } from './config-error.js';
import { quote } from './issue-reason.js';
import type { ChannelConfig, PhaseSchedule, RoundConfig, SourceConfig, TeamsConfig } from './schema.js';

/** A validated round and the file it came from. */
export interface RoundFile {
  label: string;
  round: RoundConfig;
}

/** What the cross-file checks need; a file that failed to load is undefined so it is not blamed twice. */
export interface CheckInput {
  sourcesLabel: string;
  sources: SourceConfig[] | undefined;
  channels: Record<string, ChannelConfig> | undefined;
  rounds: RoundFile[];
  /** channels.yaml `teams:` (undefined when channels.yaml failed to load). */
  teams?: TeamsConfig;
  /** settings.yaml `alerts.adminChannels` (undefined when settings.yaml failed to load). */
  adminChannels?: readonly string[];
  /** Label of settings.yaml in messages; default `settings.yaml`. */
  settingsLabel?: string;
}

/** Checks that span entries or files: unique ids, references to sources and channels, robots.txt reasons. */
export function crossCheck(input: CheckInput): FileIssue[] {
  return [
    ...checkSources(input.sourcesLabel, input.sources ?? []),
    ...checkRounds(input),
    ...checkTeamRoutes(input),
    ...checkAdminChannels(input),
  ];
}

/** Admin channels (system notices) must be channels of channels.yaml. */
function checkAdminChannels(input: CheckInput): FileIssue[] {
  const file = input.settingsLabel ?? 'settings.yaml';
  const { channels, adminChannels = [] } = input;
  if (!channels) return [];
  return adminChannels.flatMap((name, i) =>
    Object.hasOwn(channels, name)
      ? []
      : [{ file, path: ['alerts', 'adminChannels', i], reason: unknownChannel(name) }],
  );
}

/**
 * A unit's team that a `to: team` route would deliver to must be listed under `teams:` in channels.yaml, or its
 * tips silently miss the team's recipients.
 */
function checkTeamRoutes(input: CheckInput): FileIssue[] {
  const { teams } = input;
  if (!teams) return [];
  const issues: FileIssue[] = [];
  for (const { label: file, round } of input.rounds) {
    round.units.forEach((unit, u) => {
      if (unit.team === undefined || Object.hasOwn(teams, unit.team)) return;
      const route = round.alerts.findIndex(
        (r) =>
          r.to === 'team' &&
          (!r.units || r.units.includes(unit.id)) &&
          (!r.teams || r.teams.includes(unit.team ?? '')),
      );
      if (route < 0) return;
      issues.push({
        file,
        path: ['units', u, 'team'],
        reason:
          `巡察组${quote(unit.team)}没有列在 channels.yaml 的 teams: 中` +
          `（第 ${route + 1} 条推送规则要发给单位所属巡察组）`,
      });
    });
  }
  return issues;
}

function checkSources(file: string, sources: SourceConfig[]): FileIssue[] {
  const issues: FileIssue[] = [];
  const firstIndex = new Map<string, number>();
  sources.forEach((s, i) => {
    const first = firstIndex.get(s.id);
    if (first !== undefined)
      issues.push({
        file,
        path: [i, 'id'],
        reason: `信息源编号${quote(s.id)}重复（第 ${first + 1} 个信息源已用）`,
      });
    else firstIndex.set(s.id, i);
    if (s.respectRobotsTxt === false && !s.reason?.trim()) {
      issues.push({
        file,
        path: [i, 'reason'],
        reason: 'respectRobotsTxt 为 false 时必须写明不遵守 robots.txt 的理由',
      });
    }
    if (typeof s.schedule === 'string') {
      if (!isValidCron(s.schedule)) {
        issues.push({
          file,
          path: [i, 'schedule'],
          reason: `不是有效的 cron 表达式${quote(s.schedule)}（例如 "*/15 * * * *"）`,
        });
      }
    } else {
      issues.push(...phaseScheduleIssues(file, i, s.schedule));
    }
  });
  return issues;
}

// An intensify window counts from a phase start, so that phase must be configured.
function intensifyIssues(file: string, round: RoundConfig): FileIssue[] {
  const issues: FileIssue[] = [];
  if (round.intensify?.afterEntryDays !== undefined && !round.phases.entry) {
    issues.push({
      file,
      path: ['intensify', 'afterEntryDays'],
      reason: '本轮没有配置进驻阶段（phases.entry），加密窗口无从计算',
    });
  }
  if (round.intensify?.afterFeedbackDays !== undefined && !round.phases.feedback) {
    issues.push({
      file,
      path: ['intensify', 'afterFeedbackDays'],
      reason: '本轮没有配置反馈阶段（phases.feedback），加密窗口无从计算',
    });
  }
  return issues;
}

// Each cron of a phase-driven schedule; `outside` may also be "pause".
function phaseScheduleIssues(file: string, i: number, schedule: PhaseSchedule): FileIssue[] {
  return Object.entries(schedule).flatMap(([key, cron]) => {
    if (cron === undefined || isValidCron(cron) || (key === 'outside' && cron === 'pause')) return [];
    const hint = key === 'outside' ? '，或写 pause 表示不在任何巡察阶段时暂停采集' : '';
    return [
      {
        file,
        path: [i, 'schedule', key],
        reason: `不是有效的 cron 表达式「${cron}」（例如 "*/15 * * * *"${hint}）`,
      },
    ];
  });
}

function checkRounds(input: CheckInput): FileIssue[] {
  const issues: FileIssue[] = [];
  const roundFiles = new Map<string, string>();
  const sourceIds = input.sources && new Set(input.sources.map((s) => s.id));
  for (const { label: file, round } of input.rounds) {
    const other = roundFiles.get(round.id);
    if (other !== undefined)
      issues.push({ file, path: ['id'], reason: `轮次编号${quote(round.id)}重复（${other} 已用）` });
    else roundFiles.set(round.id, file);
    const unitIndex = new Map<string, number>();
    round.units.forEach((u, i) => {
      const first = unitIndex.get(u.id);
      if (first !== undefined)
        issues.push({
          file,
          path: ['units', i, 'id'],
          reason: `单位编号${quote(u.id)}重复（第 ${first + 1} 个单位已用）`,
        });
      else unitIndex.set(u.id, i);
    });
    round.sources.forEach((id, i) => {
      if (sourceIds && !sourceIds.has(id)) {
        issues.push({
          file,
          path: ['sources', i],
          reason: `未知的信息源${quote(id)}（${input.sourcesLabel} 中没有这个编号）`,
        });
      }
    });
    issues.push(...intensifyIssues(file, round));
    round.alerts.forEach((route, r) => {
      route.channels.forEach((name, c) => {
        if (input.channels && !Object.hasOwn(input.channels, name)) {
          issues.push({ file, path: ['alerts', r, 'channels', c], reason: unknownChannel(name) });
        }
      });
    });
  }
  return issues;
}

function unknownChannel(name: string): string {
  return `未知的渠道${quote(name)}（channels.yaml 中没有这个名称）`;
}
