// Search cursors on Elasticsearch: index `<prefix>-cursors`, one document per source (its id), replaced whole.
import type { CursorStore, SearchCursor } from '../cursor-types.js';
import { type EsContext, getDoc, searchDocs } from './context.js';
import type { EsRunner } from './ledger.js';

/** CursorStore over the store's Elasticsearch context. */
export class EsCursors implements CursorStore {
  constructor(
    private readonly run: EsRunner,
    private readonly ctx: EsContext,
  ) {}

  getSearchCursor(sourceId: string): Promise<SearchCursor | undefined> {
    return this.run('getSearchCursor', async () => {
      return (await getDoc<SearchCursor>(this.ctx, this.ctx.names.cursors, sourceId))?.source;
    });
  }

  putSearchCursor(cursor: SearchCursor): Promise<void> {
    return this.run('putSearchCursor', async () => {
      await this.ctx.client.index({
        index: this.ctx.names.cursors,
        id: cursor.sourceId,
        document: cursor,
        refresh: this.ctx.refresh,
      });
    });
  }

  listSearchCursors(): Promise<SearchCursor[]> {
    return this.run('listSearchCursors', async () => {
      const { docs } = await searchDocs<SearchCursor>(this.ctx, this.ctx.names.cursors, { match_all: {} }, [
        { sourceId: 'asc' },
      ]);
      return docs;
    });
  }
}
