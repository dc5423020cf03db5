// Display formatting: times in the configured timezone whatever the browser's, Chinese labels.

let zone = 'Asia/Shanghai';

/** Set the timezone times are shown in (from GET /api/rounds). */
export function setDisplayZone(timezone: string): void {
  zone = timezone;
}

/** The timezone times are shown in. */
export function displayZone(): string {
  return zone;
}

/** `2026/11/22 09:30` in the display timezone; `—` for absent or invalid input. */
export function formatTime(iso: string | undefined): string {
  if (iso === undefined || iso === '') return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(date);
}

/** `YYYY-MM-DD` of an instant in the display timezone. */
export function localDay(date: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);
  return parts;
}

/** Whether a due time has passed. */
export function isPast(iso: string | undefined, now: Date = new Date()): boolean {
  return iso !== undefined && Date.parse(iso) < now.getTime();
}

/** Whether a tip is overdue: the server's flag, else an open tip whose due time has passed. */
export function isOverdue(tip: { overdue?: boolean; dueAt?: string; status: string }): boolean {
  if (tip.overdue !== undefined) return tip.overdue;
  return (tip.status === 'assigned' || tip.status === 'in_progress') && isPast(tip.dueAt);
}
