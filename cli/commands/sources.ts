import { DateTime } from 'luxon';
import { loadSourceHealth, type SourceHealth } from '../../store/source-health.js';
import type { App } from '../app.js';
import { commandLogger, type GlobalOptions, printJson, withApp } from '../command-context.js';

/** Options of `yuqing sources`. */
export interface SourcesOptions extends GlobalOptions {
  json?: boolean;
}

/** `yuqing sources [--json]`: the health of every configured source. */
export async function sourcesCommand(options: SourcesOptions): Promise<void> {
  const { health, timezone } = await withApp(options, commandLogger(false), async (app) => ({
    health: await sourcesHealth(app),
    timezone: app.config.settings.timezone,
  }));
  if (options.json) printJson({ sources: health });
  else process.stdout.write(formatSourcesTable(health, timezone));
}

/** Health of every configured source, with the configured alert threshold and timezone. */
export function sourcesHealth(app: Pick<App, 'store' | 'config'>, now?: Date): Promise<SourceHealth[]> {
  return loadSourceHealth(app.store, app.config.sources, {
    timezone: app.config.settings.timezone,
    failureThreshold: app.config.settings.alerts.sourceFailureThreshold,
    ...(now ? { now } : {}),
  });
}

const HEADERS = ['信息源', '类型', '状态', '最近成功', '连续失败', '日均条数', '累计条数', '最近错误'];

/** A terminal table (CJK-aware column widths) followed by the warnings that need attention. */
export function formatSourcesTable(health: readonly SourceHealth[], timezone: string): string {
  const time = (iso: string | undefined) =>
    iso ? DateTime.fromISO(iso).setZone(timezone).toFormat('MM-dd HH:mm') : '—';
  const rows = health.map((h) => [
    `${h.name}（${h.sourceId}）`,
    h.type,
    h.alerting ? `${h.statusLabel}·已告警` : h.statusLabel,
    time(h.lastSuccessAt),
    String(h.consecutiveFailures),
    h.itemsPerDay.toFixed(1),
    String(h.itemsStored),
    h.lastError ? `${time(h.lastErrorAt)} ${truncate(h.lastError, 40)}` : '—',
  ]);
  const widths = HEADERS.map((header, i) => Math.max(width(header), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const out = [
    `共 ${health.length} 个信息源（日均为最近 ${health[0]?.daily.length ?? 7} 天）`,
    line(HEADERS),
  ];
  for (const row of rows) out.push(line(row));
  for (const h of health.filter((x) => x.layoutWarning))
    out.push(`注意：${h.name}（${h.sourceId}）${h.layoutWarning}`);
  return `${out.join('\n')}\n`;
}

/** Display width in a terminal: CJK and full-width characters take two columns. */
function width(text: string): number {
  let w = 0;
  for (const ch of text)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
      ch,
    )
      ? 2
      : 1;
  return w;
}

function pad(text: string, to: number): string {
  return text + ' '.repeat(Math.max(0, to - width(text)));
}

function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
