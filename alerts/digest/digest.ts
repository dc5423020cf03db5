// 舆情简报 on a schedule: build the report of a round for a period and queue it as a notice with the .docx.

import { DateTime } from 'luxon';
import type { RoundConfig } from '../../config/schema.js';
import type { Logger } from '../../core/log.js';
import type { Notice } from '../../core/types.js';
import type { ReportData, Store } from '../../store/store.js';
import { buildReportDocx, DOCX_CONTENT_TYPE } from '../report/docx.js';
import { renderReportHtml, reportLines } from '../report/html.js';
import { buildReport, type Report, type ReportTrend, reportTitle } from '../report/model.js';
import { type ReportProblemRow, rectificationRows } from '../report/rectification.js';
import type { ReportScope } from '../report/scope.js';
import { type BacklogOf, type DigestLimits, recipientScope, unitBacklog } from './scope.js';
import type { DigestRecipient } from './targets.js';

/** A report period: ISO times, inclusive. */
export interface Period {
  from: string;
  to: string;
}

/** What making a report needs; `listTips` counts the backlog of a scope narrowed to some units. */
export interface ReportDeps {
  store: Pick<Store, 'reportData'> & Partial<Pick<Store, 'listTips' | 'ledger' | 'dashboardData'>>;
  timeZone: string;
  now?: () => Date;
}

/**
 * The store's numbers of a round over a period; with `unitIds`, the store limits them to those units, so their
 * top stories are ranked among their own rather than cut from the round's top 10.
 */
function fetchData(
  store: Pick<Store, 'reportData'>,
  roundId: string,
  period: Period,
  unitIds: readonly string[] | undefined,
): Promise<ReportData> {
  return unitIds === undefined
    ? store.reportData(roundId, period.from, period.to)
    : store.reportData(roundId, period.from, period.to, { unitIds });
}

/**
 * The report of a round over a period, with its .docx; with `scope`, only of the scope's units and items
 * (without `store.listTips` such a report leaves the backlog uncounted rather than show the whole round's).
 */
export async function makeReport(
  deps: ReportDeps,
  round: RoundConfig,
  period: Period,
  scope?: ReportScope,
): Promise<{ report: Report; docx: Buffer }> {
  const data = await fetchData(deps.store, round.id, period, scope?.unitIds);
  const { listTips } = deps.store;
  const backlog = listTips ? unitBacklog({ listTips: listTips.bind(deps.store) }, round.id) : undefined;
  const generatedAt = (deps.now ?? (() => new Date()))().toISOString();
  const built = await scopedReport(data, round, scope, backlog, { timeZone: deps.timeZone, generatedAt });
  const rectification = await rectificationOf(deps, round, period, scope?.unitIds);
  const report = rectification === undefined ? built : { ...built, rectification };
  const trend = await reportTrend(deps, round.id, period, scope?.unitIds);
  return {
    report: trend === undefined ? report : { ...report, trend },
    docx: await buildReportDocx(report, trend),
  };
}

/** The daily trend of the period from the dashboard numbers (each article once); none without them. */
async function reportTrend(
  deps: ReportDeps,
  roundId: string,
  period: Period,
  unitIds: readonly string[] | undefined,
): Promise<ReportTrend | undefined> {
  const { dashboardData } = deps.store;
  if (dashboardData === undefined) return undefined;
  const end = DateTime.fromISO(period.to, { zone: deps.timeZone });
  const data = await dashboardData.call(deps.store, {
    roundId,
    from: period.from,
    to: period.to,
    utcOffsetMinutes: end.offset,
    ...(unitIds !== undefined && { unitIds: [...unitIds] }),
  });
  const days: string[] = [];
  let day = DateTime.fromISO(period.from, { zone: deps.timeZone }).startOf('day');
  // A report spans days, not years: the cap keeps a bad period from building a huge axis.
  while (day <= end && days.length < 366) {
    days.push(day.toISODate() ?? '');
    day = day.plus({ days: 1 });
  }
  return { days, points: data.trend };
}

// The 整改问题舆情 rows, when the round has a ledger (a round without problems gets no section).
async function rectificationOf(
  deps: ReportDeps,
  round: RoundConfig,
  period: Period,
  unitIds: readonly string[] | undefined,
): Promise<ReportProblemRow[] | undefined> {
  const ledger = deps.store.ledger;
  if (!ledger) return undefined;
  const [problems, links] = await Promise.all([
    ledger.listProblems({ roundId: round.id }),
    ledger.listLinks({ roundId: round.id }),
  ]);
  if (problems.length === 0) return undefined;
  return rectificationRows(round, problems, links, period, unitIds);
}

/**
 * The report of the store's numbers for a scope; a scope narrowed to some units gets their backlog from
 * `backlog` (none: the backlog is left uncounted rather than show the whole round's).
 */
async function scopedReport(
  data: ReportData,
  round: RoundConfig,
  scope: ReportScope | undefined,
  backlog: BacklogOf | undefined,
  options: { timeZone: string; generatedAt: string },
): Promise<Report> {
  const full =
    scope?.unitIds !== undefined && scope.tipStatusCounts === undefined && backlog !== undefined
      ? { ...scope, tipStatusCounts: await backlog(scope.unitIds) }
      : scope;
  return buildReport(data, round, { ...options, ...(full !== undefined && { scope: full }) });
}

/** File name of a report, e.g. `舆情简报-2026-r4-2026-11-07.docx` (`…-第一巡察组-…` for a team's). */
export function reportFileName(report: Report): string {
  const scope = report.scopeName === undefined ? '' : `-${report.scopeName}`;
  return `舆情简报-${report.roundId}${scope}-${report.endDate}.docx`.replace(/[\\/:*?"<>|\s]+/g, '_');
}

/** The digest notice: HTML email with the .docx attached, plain lines for robots. */
export function digestNotice(report: Report, docx: Buffer): Notice {
  return {
    kind: 'digest',
    title: reportTitle(report),
    lines: reportLines(report),
    html: renderReportHtml(report),
    attachments: [
      {
        filename: reportFileName(report),
        contentType: DOCX_CONTENT_TYPE,
        contentBase64: docx.toString('base64'),
      },
    ],
  };
}

/**
 * The period a digest tick covers: from one cron interval before the tick to the tick. The interval is the
 * gap between the schedule's next two runs (a day for `0 8 * * *`, a week for `0 8 * * 1`).
 */
export function digestPeriod(tick: Date, nextRuns: readonly Date[]): Period {
  const [a, b] = nextRuns;
  const DAY = 86_400_000;
  const interval = a && b && b.getTime() > a.getTime() ? b.getTime() - a.getTime() : DAY;
  return {
    from: new Date(tick.getTime() - interval).toISOString(),
    to: new Date(tick.getTime() - 1).toISOString(),
  };
}

/** What sending a digest needs. */
export interface DigestDeps extends ReportDeps {
  store: Pick<Store, 'reportData' | 'enqueueNotice' | 'listTips'>;
  logger: Logger;
}

/**
 * A digest route as sendDigest reads it (a DigestTarget fits). Without `recipients`, `channels` get the
 * digest of the whole round, as before routes could be narrowed.
 */
export interface DigestRoute extends DigestLimits {
  index: number;
  channels: readonly string[];
  recipients?: readonly DigestRecipient[];
}

/**
 * Dedup key of one recipient's digest of a period: `digest:<round>:<route>:<to>` for the route's own channels
 * (unchanged from before team digests), `digest:<round>:<route>:team:<team>:<to>` for a team's.
 */
export function digestKey(roundId: string, index: number, recipient: DigestRecipient, to: string): string {
  const who = recipient.team === undefined ? '' : `team:${recipient.team}:`;
  return `digest:${roundId}:${index}:${who}${to}`;
}

/**
 * Build and queue the digests of a route for a period: one per recipient, each covering only the recipient's
 * units and the route's level/phase limits. The dedup keys (digestKey) make a repeated tick for the same
 * period queue nothing. Returns the outbox ids queued.
 */
export async function sendDigest(
  deps: DigestDeps,
  round: RoundConfig,
  route: DigestRoute,
  period: Period,
): Promise<string[]> {
  const log = deps.logger.child({ component: 'digest' });
  const recipients = route.recipients ?? [{ channels: [...route.channels] }];
  // One store read per distinct unit set: several recipients (the route's channels, a team) may share one.
  const dataOf = new Map<string, Promise<ReportData>>();
  const dataFor = (unitIds: readonly string[] | undefined) => {
    const key = unitIds === undefined ? '*' : JSON.stringify([...new Set(unitIds)].sort());
    let data = dataOf.get(key);
    if (data === undefined) {
      data = fetchData(deps.store, round.id, period, unitIds);
      dataOf.set(key, data);
    }
    return data;
  };
  const backlog = unitBacklog(deps.store, round.id);
  const generatedAt = (deps.now ?? (() => new Date()))().toISOString();
  const queued: string[] = [];
  for (const recipient of recipients) {
    // A scope without units has nothing to report; digestTargets never makes one, a hand-made route might.
    if (recipient.channels.length === 0 || recipient.unitIds?.length === 0) continue;
    const scope = recipientScope(recipient, route);
    const data = await dataFor(recipient.unitIds);
    const report = await scopedReport(data, round, scope, backlog, { timeZone: deps.timeZone, generatedAt });
    const notice = digestNotice(report, await buildReportDocx(report));
    const key = digestKey(round.id, route.index, recipient, period.to);
    const ids = await deps.store.enqueueNotice(recipient.channels, notice, key);
    queued.push(...ids);
    log.info(
      {
        round: round.id,
        route: route.index,
        team: recipient.team,
        units: recipient.unitIds?.length,
        channels: recipient.channels,
        from: period.from,
        to: period.to,
        queued: ids.length,
      },
      'digest queued',
    );
  }
  return queued;
}
