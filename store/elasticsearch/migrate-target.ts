// `yuqing store migrate --to elasticsearch`: SQLite rows → Elasticsearch documents, bulk-indexed by derived
// ids (re-running a batch overwrites the same documents). Article tokens are re-segmented on the way.
import type { Level, Tip, TipHistoryEntry } from '../../core/types.js';
import type { Segmenter } from '../../pipeline/types.js';
import type { Row } from '../migrate/sqlite-source.js';
import { type MigrationTarget, retokenize } from '../migrate/target.js';
import { type CursorRow, toCursor } from '../sqlite/cursors.js';
import { type LinkRow, type ProblemRow, toLink, toProblem } from '../sqlite/ledger.js';
import {
  type ArticleRow,
  type ClusterRow,
  type OutboxRow,
  toCluster,
  toOutboxAlert,
  toStoredArticle,
} from '../sqlite/rows.js';
import { toWorkflowTip, type WorkflowTipRow } from '../sqlite/tips.js';
import { type BulkOp, writeBulk } from './bulk.js';
import { compact, type EsContext } from './context.js';
import { docId, toArticleDoc, toTipDoc } from './docs.js';
import { linkDocId, problemDocId } from './ledger.js';
import { tipKeyId } from './tips.js';

const json = (value: unknown) => (typeof value === 'string' ? (JSON.parse(value) as unknown) : undefined);
const str = (value: unknown) => (value === null || value === undefined ? undefined : String(value));
const ms = (iso: unknown) => (typeof iso === 'string' ? Date.parse(iso) : undefined);

/** The documents of one SQLite row (none for tables Elasticsearch derives from others). */
function rowOps(ctx: EsContext, table: string, row: Row, segmenter: Segmenter): BulkOp[] {
  const n = ctx.names;
  const index = (i: string, id: string, doc: Record<string, unknown>): BulkOp => ({
    op: 'index',
    index: i,
    id,
    doc: compact(doc),
  });
  switch (table) {
    case 'clusters': {
      const c = toCluster(row as unknown as ClusterRow);
      const { size: _size, ...doc } = c;
      return [index(n.clusters, c.id, { ...doc, levelRank: Number(row.level_rank) })];
    }
    case 'articles': {
      const a = toStoredArticle(retokenize(row, segmenter) as unknown as ArticleRow);
      return [index(n.articles, a.id, toArticleDoc(a, a.clusterId, a.storedAt, Number(row.seq)))];
    }
    case 'tips': {
      const tip: Tip = toWorkflowTip(row as unknown as WorkflowTipRow);
      return [
        index(n.tips, tip.id, toTipDoc(tip, tip.clusterId, Number(row.seq))),
        index(n.tipkeys, tipKeyId(tip.roundId, tip.clusterId, tip.unitId), { tipId: tip.id }),
      ];
    }
    case 'tip_history': {
      const e: TipHistoryEntry = compact({
        tipId: String(row.tip_id),
        seq: Number(row.seq),
        at: String(row.at),
        actor: String(row.actor),
        action: row.action as TipHistoryEntry['action'],
        from: row.from_status as TipHistoryEntry['from'],
        to: row.to_status as TipHistoryEntry['to'],
        note: str(row.note),
        details: json(row.details) as Record<string, string> | undefined,
      });
      return [index(n.history, `${e.tipId}:${e.seq}`, { ...e })];
    }
    case 'notices':
      return [
        index(n.notices, String(row.id), { kind: row.kind, body: json(row.body), createdAt: row.created_at }),
      ];
    case 'outbox': {
      const a = toOutboxAlert(row as unknown as OutboxRow);
      return [
        index(n.outbox, a.id, {
          ...a,
          tipId: a.tipId === '' ? undefined : a.tipId,
          kind: row.kind,
          dedupKey: row.dedup_key,
          nextAttemptMs: ms(a.nextAttemptAt),
          sentMs: ms(a.sentAt),
          mergedInto: str(row.merged_into),
          createdMs: ms(a.createdAt),
          seq: Number(row.seq),
          level: a.level as Level | undefined,
        }),
      ];
    }
    case 'exclusion_suggestions':
      return [
        index(n.suggestions, String(row.id), {
          id: row.id,
          roundId: row.round_id,
          unitId: row.unit_id,
          phrase: row.phrase,
          tipId: row.tip_id,
          status: row.status,
          createdAt: row.created_at,
          createdBy: row.created_by,
          decidedAt: row.decided_at,
          decidedBy: row.decided_by,
          seq: Number(row.seq),
        }),
      ];
    case 'evidence':
      return [
        index(n.evidence, String(row.article_id), {
          articleId: row.article_id,
          sha256: row.sha256,
          size: row.size,
          contentType: row.content_type,
          status: row.status,
          finalUrl: row.final_url,
          fetchedAt: row.fetched_at,
          path: row.path,
          screenshotSha256: row.screenshot_sha256,
          screenshotSize: row.screenshot_size,
          savedAt: row.saved_at,
        }),
      ];
    case 'source_state':
      return [
        index(n.sources, String(row.source_id), {
          sourceId: row.source_id,
          lastRunAt: row.last_run_at,
          lastSuccessAt: row.last_success_at,
          lastError: row.last_error,
          consecutiveFailures: row.consecutive_failures,
          itemsStored: row.items_stored,
          lastErrorAt: row.last_error_at,
          failingSince: row.failing_since,
          emptyListAt: row.empty_list_at,
        }),
      ];
    case 'http_validators':
      return [
        index(n.validators, docId('url', String(row.url)), {
          url: row.url,
          etag: row.etag,
          lastModified: row.last_modified,
          updatedAt: row.updated_at,
        }),
      ];
    case 'users':
      return [
        index(n.users, String(row.name), {
          name: row.name,
          role: row.role,
          rounds: json(row.rounds),
          units: json(row.units),
          team: row.team,
          passwordHash: row.password_hash,
          disabled: row.disabled !== 0,
          mustChangePassword: row.must_change !== 0,
          createdAt: row.created_at,
          updatedAt: row.updated_at,
          lastLoginAt: row.last_login_at,
        }),
      ];
    case 'audit':
      return [
        index(n.audit, String(row.seq), {
          seq: Number(row.seq),
          at: row.at,
          atMs: ms(row.at),
          user: row.user,
          action: row.action,
          target: row.target,
          detail: json(row.detail),
          ip: row.ip,
        }),
      ];
    case 'saved_searches':
      return [
        index(n.saved, docId(String(row.user), String(row.name)), {
          id: row.id,
          user: row.user,
          name: row.name,
          params: json(row.params),
          createdAt: row.created_at,
          seq: 0,
        }),
      ];
    case 'tip_notes':
      return [
        index(n.notes, String(row.id), {
          id: row.id,
          tipId: row.tip_id,
          at: row.at,
          user: row.user,
          text: row.text,
          seq: Number(row.seq),
        }),
      ];
    case 'problems': {
      const p = toProblem(row as unknown as ProblemRow);
      return [index(n.problems, problemDocId(p.roundId, p.id), { ...p })];
    }
    case 'problem_links': {
      const l = toLink(row as unknown as LinkRow);
      return [index(n.problemlinks, linkDocId(l), { ...l, timeMs: Number(row.time_ms) })];
    }
    case 'search_cursors': {
      const c = toCursor(row as unknown as CursorRow);
      return [index(n.cursors, c.sourceId, { ...c })];
    }
    default:
      // article_units / article_phases / story_bands: the article documents carry units, phases and band
      // keys (made again from the body) themselves.
      return [];
  }
}

/** A migration target writing into the store's indices (call store.init() first). */
export function elasticsearchTarget(ctx: EsContext, segmenter: Segmenter): MigrationTarget {
  let maxAudit = 0;
  return {
    async write(table, rows) {
      if (table === 'audit') for (const row of rows) maxAudit = Math.max(maxAudit, Number(row.seq));
      await writeBulk(
        ctx,
        rows.flatMap((row) => rowOps(ctx, table, row, segmenter)),
        false,
      );
    },
    async finish() {
      // New audit entries continue after the copied ones.
      if (maxAudit > 0) {
        await ctx.client.update({
          index: ctx.names.counters,
          id: 'audit',
          script: {
            lang: 'painless',
            source: 'ctx._source.value = Math.max(ctx._source.value, params.max)',
            params: { max: maxAudit },
          },
          upsert: { value: maxAudit },
        });
      }
      await ctx.client.indices.refresh({ index: Object.values(ctx.names) });
    },
  };
}
