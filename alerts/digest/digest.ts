// 舆情简报 on a schedule: build the report of a round for a period and queue it as a notice with the .docx.
import type { RoundConfig } from '../../config/schema.js';
import type { Logger } from '../../core/log.js';
import type { Notice } from '../../core/types.js';
import type { Store } from '../../store/store.js';
import { buildReportDocx, DOCX_CONTENT_TYPE } from '../report/docx.js';
import { renderReportHtml, reportLines } from '../report/html.js';
import { buildReport, type Report, reportTitle } from '../report/model.js';

/** A report period: ISO times, inclusive. */
export interface Period {
  from: string;
  to: string;
}

/** What making a report needs. */
export interface ReportDeps {
  store: Pick<Store, 'reportData'>;
  timeZone: string;
  now?: () => Date;
}

/** The report of a round over a period, with its .docx. */
export async function makeReport(
  deps: ReportDeps,
  round: RoundConfig,
  period: Period,
): Promise<{ report: Report; docx: Buffer }> {
  const data = await deps.store.reportData(round.id, period.from, period.to);
  const generatedAt = (deps.now ?? (() => new Date()))().toISOString();
  const report = buildReport(data, round, { timeZone: deps.timeZone, generatedAt });
  return { report, docx: await buildReportDocx(report) };
}

/** File name of a report, e.g. `舆情简报-2026-r4-2026-11-07.docx`. */
export function reportFileName(report: Report): string {
  return `舆情简报-${report.roundId}-${report.endDate}.docx`.replace(/[\\/:*?"<>|\s]+/g, '_');
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
  store: Pick<Store, 'reportData' | 'enqueueNotice'>;
  logger: Logger;
}

/**
 * Build and queue one digest of a round to a route's channels; dedupKey `digest:<round>:<route>:<to>` makes
 * a repeated tick for the same period queue nothing. Returns the outbox ids queued.
 */
export async function sendDigest(
  deps: DigestDeps,
  round: RoundConfig,
  route: { channels: readonly string[]; index: number },
  period: Period,
): Promise<string[]> {
  const { report, docx } = await makeReport(deps, round, period);
  const key = `digest:${round.id}:${route.index}:${period.to}`;
  const ids = await deps.store.enqueueNotice(route.channels, digestNotice(report, docx), key);
  deps.logger
    .child({ component: 'digest' })
    .info(
      { round: round.id, channels: route.channels, from: period.from, to: period.to, queued: ids.length },
      'digest queued',
    );
  return ids;
}
