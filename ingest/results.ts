import type { Level } from '../core/types.js';
import type { SkippedPage, SourceCrawlStats } from '../crawlers/types.js';

/** A tip created during a cycle, as printed by `yuqing crawl --json`. */
export interface TipSummary {
  id: string;
  round: string;
  unit: string;
  unitName: string;
  level: Level;
  score: number;
  title: string;
  url: string;
  /** Ids of the rectification problems (问题清单) the tip's story is linked to; empty when none. */
  problems: string[];
}

/** What ingesting one article did: nothing (already stored), or stored, maybe into an existing story. */
export type IngestOutcome =
  | { inserted: false }
  | {
      inserted: true;
      /** Joined a story already stored (a repost or copy). */
      duplicate: boolean;
      /** Tips the item created. */
      tips: TipSummary[];
    };

/** What crawling one source once gave: the crawl's counts and what its items did in the store. */
export interface SourceOutcome {
  stats: SourceCrawlStats;
  stored: number;
  duplicates: number;
  tips: TipSummary[];
  skips: SkippedPage[];
}
