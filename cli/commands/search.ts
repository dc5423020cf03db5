import { InputError } from '../../core/errors.js';
import { LEVEL_LABELS, LEVELS, type Level } from '../../core/types.js';
import type { SearchQuery } from '../../store/store.js';
import { commandLogger, type GlobalOptions, printJson, withApp } from '../command-context.js';

/** Options of `yuqing search`. */
export interface SearchOptions extends GlobalOptions {
  round?: string;
  unit?: string;
  level?: string;
  sort?: string;
  limit?: string;
  json?: boolean;
}

/** `yuqing search QUERY`: full-text search over stored items. */
export async function searchCommand(text: string, options: SearchOptions): Promise<void> {
  const level = parseLevel(options.level);
  const sort = options.sort ?? 'time';
  if (sort !== 'time' && sort !== 'score') throw new InputError(`--sort 应为 time 或 score，收到 "${sort}"`);
  const limit = options.limit === undefined ? 20 : Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new InputError('--limit 应为 1–200 的整数');
  const result = await withApp(options, commandLogger(false), async (app) => {
    const query: SearchQuery = {
      terms: app.queryTerms(text),
      roundId: options.round,
      unitId: options.unit,
      level,
      sort,
      limit,
    };
    return app.store.search(query);
  });
  if (options.json) {
    printJson({
      total: result.total,
      hits: result.hits.map((h) => ({
        id: h.id,
        title: h.title,
        url: h.url,
        source: h.source,
        publishedAt: h.publishedAt ?? null,
        level: h.level,
        score: h.score,
        units: h.units,
        highlights: h.highlights,
        clusterSize: h.clusterSize,
      })),
    });
    return;
  }
  const lines = [`共 ${result.total} 条`];
  for (const h of result.hits) {
    lines.push(
      `[${LEVEL_LABELS[h.level]}] ${h.score}分 ${h.title}`,
      `    ${h.source} ${h.publishedAt ?? ''} ${h.url}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

function parseLevel(value: string | undefined): Level | undefined {
  if (value === undefined) return undefined;
  if ((LEVELS as readonly string[]).includes(value)) return value as Level;
  throw new InputError(`--level 应为 red|orange|yellow|green，收到 "${value}"`);
}
