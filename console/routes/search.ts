import type { FastifyInstance } from 'fastify';
import { InputError } from '../../core/errors.js';
import { LEVELS, type PhaseName, type SourceType } from '../../core/types.js';
import type { SearchQuery } from '../../store/store.js';
import type { ConsoleDeps } from '../deps.js';
import {
  checkRange,
  checkRoundUnit,
  compact,
  type RawQuery,
  readDate,
  readEnum,
  readInt,
  readString,
  rejectUnknown,
} from '../params.js';

const PARAMS = [
  'q',
  'round',
  'unit',
  'level',
  'minLevel',
  'phase',
  'source',
  'sourceType',
  'from',
  'to',
  'sort',
  'limit',
  'offset',
];
const PHASES: readonly PhaseName[] = ['entry', 'feedback', 'rectification'];
const SOURCE_TYPES: readonly SourceType[] = ['rss', 'html', 'browser'];
const SOURCE_ID = /^[A-Za-z0-9_.-]+$/;
/** A term an index can match holds a letter, digit or private-use character (as in store/query.ts). */
const INDEXABLE = /[\p{L}\p{N}\p{Co}]/u;

/** Default page size of the search API. */
export const DEFAULT_SEARCH_LIMIT = 20;

/** Validate the search querystring and turn it into a store query; throws InputError naming the parameter. */
export function parseSearchQuery(
  query: RawQuery,
  deps: Pick<ConsoleDeps, 'config' | 'queryTerms'>,
): SearchQuery {
  rejectUnknown(query, PARAMS);
  const zone = deps.config.settings.timezone;
  const q = readString(query, 'q');
  const roundId = readString(query, 'round');
  const unitId = readString(query, 'unit');
  checkRoundUnit(deps.config.rounds, roundId, unitId);
  const sourceId = readString(query, 'source');
  if (sourceId !== undefined && !SOURCE_ID.test(sourceId)) {
    throw new InputError(`参数 source 无效：「${sourceId}」不是合法的来源标识`);
  }
  const from = readDate(query, 'from', zone, 'start');
  const to = readDate(query, 'to', zone, 'end');
  checkRange(from, to);
  const terms = q === undefined ? [] : [...new Set(deps.queryTerms(q).map((t) => t.trim()))];
  const indexable = terms.filter((t) => INDEXABLE.test(t));
  // Punctuation-only input would otherwise silently become "no terms" and list everything.
  if (q !== undefined && indexable.length === 0)
    throw new InputError(`参数 q 无效：「${q}」中没有可检索的词`);
  const search: SearchQuery = {
    terms: indexable,
    roundId,
    unitId,
    level: readEnum(query, 'level', LEVELS),
    minLevel: readEnum(query, 'minLevel', LEVELS),
    phase: readEnum(query, 'phase', PHASES),
    sourceId,
    sourceType: readEnum(query, 'sourceType', SOURCE_TYPES),
    from,
    to,
    sort: readEnum(query, 'sort', ['time', 'score'] as const) ?? 'time',
    limit: readInt(query, 'limit', 1, 200) ?? DEFAULT_SEARCH_LIMIT,
    offset: readInt(query, 'offset', 0, 1_000_000) ?? 0,
  };
  return compact(search);
}

/** GET /api/search: full-text search with filters; returns the store's SearchResult. */
export function registerSearchRoutes(app: FastifyInstance, deps: ConsoleDeps): void {
  app.get('/api/search', async (request) =>
    deps.store.search(parseSearchQuery(request.query as RawQuery, deps)),
  );
}
