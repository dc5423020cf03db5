/** The part of the demo site an item is published in; each section has its own look. */
export type DemoSection = 'news' | 'forum' | 'mp' | 'gbk' | 'spa';

/**
 * How the item's date is printed: `2025年05月13日 07:34`, `2025-05-13 07:34:53`, `2025/5/13`, `3小时前`,
 * `昨天 12:30` (falls back to 今天/前天/a full date when the day is not yesterday).
 */
export type DateStyle = 'cn-minute' | 'iso-seconds' | 'slash-date' | 'relative' | 'yesterday';

/** A reply under a forum thread or an official answer under a message-board post. */
export interface DemoReply {
  author: string;
  /** Minutes before the site's start time. */
  minutesAgo: number;
  text: string;
}

/** One article, thread, public-account post or message of the demo site. */
export interface DemoItem {
  /** Numeric id for news/forum/gbk/spa, an opaque token for mp (public-account) articles. */
  id: string;
  section: DemoSection;
  /** URL path on the demo site, e.g. /news/2001.html. */
  path: string;
  title: string;
  paragraphs: readonly string[];
  /** Minutes before the site's start time; every printed date is derived from it. */
  minutesAgo: number;
  dateStyle: DateStyle;
  /** Publisher shown on the page (来源 / account name / board name). */
  source: string;
  /** Column or board the item belongs to, shown in breadcrumbs. */
  column: string;
  author?: string;
  replies?: readonly DemoReply[];
}

/** How tests and the e2e fixture refer to a planted item. */
export interface DemoItemRef {
  path: string;
  title: string;
}
