import Database from 'better-sqlite3';
import type { Arrival } from '../fixture/catchers.js';
import { itemMarker } from '../fixture/items.js';
import { percentile } from '../timing.js';

/** One published item as the soak remembers it. */
export interface PublishedItem {
  id: number;
  url: string;
  red: boolean;
  deleted: boolean;
}

/** A pass/fail check with what was seen. */
export interface SoakCheck {
  name: string;
  ok: boolean;
  detail: string;
}

/** Stored URL → cluster id, read from the store file after the service stopped. */
export function storedClusters(storePath: string, sourceId: string): Map<string, string> {
  const db = new Database(storePath, { readonly: true });
  try {
    const rows = db.prepare('SELECT url, cluster_id FROM articles WHERE source_id = ?').all(sourceId) as {
      url: string;
      cluster_id: string;
    }[];
    return new Map(rows.map((r) => [r.url, r.cluster_id]));
  } finally {
    db.close();
  }
}

/** `PRAGMA integrity_check` of a store file: 'ok' or the problems found. */
export function integrityCheck(storePath: string): string {
  const db = new Database(storePath, { readonly: true });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

/** Every published item (deleted ones included: they were listed for several cycles) is in the store. */
export function checkNothingLost(items: readonly PublishedItem[], stored: Map<string, string>): SoakCheck {
  const missing = items.filter((i) => !stored.has(i.url));
  return {
    name: 'nothing lost',
    ok: missing.length === 0,
    detail: `${items.length - missing.length}/${items.length} published items stored${
      missing.length ? `; missing ids ${missing.map((i) => i.id).join(' ')}` : ''
    }`,
  };
}

/**
 * Every story holding a red item got exactly one alert on `channel`: counted over the markers of all its red
 * items, so a red repost that joined an earlier red story (near-duplicate) correctly adds none.
 */
export function checkAlertedOnce(
  channel: string,
  items: readonly PublishedItem[],
  stored: Map<string, string>,
  arrivals: readonly Arrival[],
): SoakCheck {
  const stories = new Map<string, PublishedItem[]>();
  for (const item of items.filter((i) => i.red)) {
    const cluster = stored.get(item.url);
    if (!cluster) continue;
    stories.set(cluster, [...(stories.get(cluster) ?? []), item]);
  }
  const wrong: string[] = [];
  for (const [cluster, members] of stories) {
    const count = arrivals.filter((a) => members.some((m) => a.text.includes(itemMarker(m.id)))).length;
    if (count !== 1) wrong.push(`${members.map((m) => m.id).join('+')}×${count} (${cluster.slice(0, 8)})`);
  }
  return {
    name: `red stories alerted exactly once (${channel})`,
    ok: wrong.length === 0 && stories.size > 0,
    detail: `${stories.size - wrong.length}/${stories.size} red stories (${
      items.filter((i) => i.red).length
    } red items) with exactly one message${wrong.length ? `; wrong: ${wrong.join(', ')}` : ''}`,
  };
}

/** RSS after warm-up: the median of the last fifth of the samples against the median of the first fifth. */
export function checkMemory(samples: readonly { at: number; rssMb: number }[], warmupMs: number): SoakCheck {
  const start = samples[0]?.at ?? 0;
  const after = samples.filter((s) => s.at - start >= warmupMs).map((s) => s.rssMb);
  const fifth = Math.max(1, Math.floor(after.length / 5));
  const early = percentile(after.slice(0, fifth), 50);
  const late = percentile(after.slice(-fifth), 50);
  const growth = (late - early) / early;
  return {
    name: 'RSS growth after warm-up ≤ 10 %',
    ok: after.length >= 10 && growth <= 0.1,
    detail: `early median ${early.toFixed(1)} MB, late median ${late.toFixed(1)} MB, growth ${(
      100 * growth
    ).toFixed(
      1,
    )} %, peak ${Math.max(...samples.map((s) => s.rssMb)).toFixed(1)} MB, ${after.length} samples after warm-up`,
  };
}
