import { z } from 'zod';
import { InputError } from '../../core/errors.js';
import { LEVELS, type PhaseName, type SourceType, type TipStatus } from '../../core/types.js';
import { narrowScope } from '../../store/scope.js';
import type { SearchQuery } from '../../store/store.js';
import { audit } from '../audit.js';
import { type Access, requireRound, requireUnit } from '../auth/access.js';
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
import type { RouteFn } from '../router.js';
import { type ParsedQuery, parseSearchText } from '../search-syntax.js';

const PHASES: readonly PhaseName[] = ['entry', 'feedback', 'rectification'];
const SOURCE_TYPES: readonly SourceType[] = ['rss', 'html', 'browser', 'search', 'json'];
const TIP_STATUSES: readonly TipStatus[] = ['new', 'assigned', 'in_progress', 'closed', 'dismissed'];
const SOURCE_ID = /^[A-Za-z0-9_.-]+$/;

/** The search filters shared by the search and export routes (documented in the OpenAPI document). */
export const SEARCH_FILTERS = {
  q: z.string().optional().describe('检索式：词语（与）、"精确短语"、-排除词、A OR B'),
  round: z.string().optional(),
  unit: z.string().optional(),
  level: z.enum(['red', 'orange', 'yellow', 'green']).optional(),
  minLevel: z.enum(['red', 'orange', 'yellow', 'green']).optional(),
  phase: z.enum(['entry', 'feedback', 'rectification']).optional(),
  source: z.string().optional(),
  sourceType: z.enum(['rss', 'html', 'browser', 'search', 'json']).optional(),
  from: z.string().optional().describe('YYYY-MM-DD 或 ISO 时间'),
  to: z.string().optional().describe('YYYY-MM-DD 或 ISO 时间'),
  tipStatus: z.enum(['new', 'assigned', 'in_progress', 'closed', 'dismissed']).optional(),
  sort: z.enum(['time', 'score']).optional(),
  fold: z.enum(['0', '1']).optional().describe('1 = 同一事件（转载）只显示一条'),
};

/** Query parameters of GET /api/search. */
export const searchQuerySchema = z.object({
  ...SEARCH_FILTERS,
  limit: z.string().optional().describe('1–200，默认 20'),
  offset: z.string().optional(),
});

/** Default page size of the search API. */
export const DEFAULT_SEARCH_LIMIT = 20;

const EMPTY_PARSE: ParsedQuery = { terms: [], phrases: [], exclude: [], anyOf: [] };

/** A validated search: the store query and the parsed search box. */
export interface ConsoleSearch {
  query: SearchQuery;
  parsed: ParsedQuery;
}

/**
 * Validate the search querystring and turn it into a store query limited to the caller's scope; throws
 * InputError naming the parameter, ForbiddenError for a round/unit outside the scope.
 */
export function parseConsoleSearch(
  query: RawQuery,
  deps: Pick<ConsoleDeps, 'config' | 'queryTerms'>,
  access?: Access,
): ConsoleSearch {
  rejectUnknown(query, Object.keys(searchQuerySchema.shape));
  const zone = deps.config.settings.timezone;
  const q = readString(query, 'q');
  const roundId = readString(query, 'round');
  const unitId = readString(query, 'unit');
  checkRoundUnit(deps.config.rounds, roundId, unitId);
  if (access) {
    requireRound(access, roundId);
    requireUnit(access, roundId, unitId);
  }
  const sourceId = readString(query, 'source');
  if (sourceId !== undefined && !SOURCE_ID.test(sourceId)) {
    throw new InputError(`参数 source 无效：「${sourceId}」不是合法的来源标识`);
  }
  const from = readDate(query, 'from', zone, 'start');
  const to = readDate(query, 'to', zone, 'end');
  checkRange(from, to);
  const parsed = q === undefined ? EMPTY_PARSE : parseSearchText(q, deps.queryTerms);
  const search: SearchQuery = {
    terms: parsed.terms,
    ...(parsed.phrases.length > 0 ? { phrases: parsed.phrases } : {}),
    ...(parsed.exclude.length > 0 ? { exclude: parsed.exclude } : {}),
    ...(parsed.anyOf.length > 0 ? { anyOf: parsed.anyOf } : {}),
    roundId,
    unitId,
    level: readEnum(query, 'level', LEVELS),
    minLevel: readEnum(query, 'minLevel', LEVELS),
    phase: readEnum(query, 'phase', PHASES),
    sourceId,
    sourceType: readEnum(query, 'sourceType', SOURCE_TYPES),
    tipStatus: readEnum(query, 'tipStatus', TIP_STATUSES),
    foldClusters: readEnum(query, 'fold', ['0', '1'] as const) === '1' ? true : undefined,
    scope: narrowScope(access?.scope, roundId, unitId),
    from,
    to,
    sort: readEnum(query, 'sort', ['time', 'score'] as const) ?? 'time',
    limit: readInt(query, 'limit', 1, 200) ?? DEFAULT_SEARCH_LIMIT,
    offset: readInt(query, 'offset', 0, 1_000_000) ?? 0,
  };
  return { query: compact(search), parsed };
}

/** Backwards-compatible: the store query of a search querystring, without scope. */
export function parseSearchQuery(
  query: RawQuery,
  deps: Pick<ConsoleDeps, 'config' | 'queryTerms'>,
): SearchQuery {
  return parseConsoleSearch(query, deps).query;
}

/** GET /api/search: full-text search with filters, scoped to the caller; audited. */
export function registerSearchRoutes(route: RouteFn, deps: ConsoleDeps): void {
  route({
    method: 'GET',
    path: '/api/search',
    summary: '全文检索（含筛选、排序、转载折叠、分页）',
    tag: '检索',
    auth: 'session',
    query: searchQuerySchema,
    response: { description: '{ total, hits, query }' },
    handler: async ({ access, query }, request) => {
      const { query: search, parsed } = parseConsoleSearch(query, deps, access);
      const result = await deps.store.search(search);
      await audit(deps, request, access.user.name, 'search', undefined, {
        params: query,
        total: result.total,
      });
      return { ...result, query: parsed };
    },
  });
}
