// Search cursors on SQLite (table search_cursors, schema step 9).
import type { CursorStore, SearchCursor } from '../cursor-types.js';
import type { Runner } from './ledger.js';
import type { Prepare } from './statements.js';

/** A row of table search_cursors. */
export interface CursorRow {
  source_id: string;
  state: string;
  updated_at: string;
}

/** A search_cursors row as the domain's SearchCursor. */
export function toCursor(r: CursorRow): SearchCursor {
  const state = JSON.parse(r.state) as Pick<SearchCursor, 'next' | 'lastSearched'>;
  return {
    sourceId: r.source_id,
    next: state.next,
    lastSearched: state.lastSearched,
    updatedAt: r.updated_at,
  };
}

/** CursorStore over the store's SQLite connection. */
export class SqliteCursors implements CursorStore {
  constructor(
    private readonly run: Runner,
    private readonly prep: Prepare,
  ) {}

  async getSearchCursor(sourceId: string): Promise<SearchCursor | undefined> {
    return this.run('getSearchCursor', () => {
      const row = this.prep('SELECT * FROM search_cursors WHERE source_id = ?').get(sourceId) as
        | CursorRow
        | undefined;
      return row ? toCursor(row) : undefined;
    });
  }

  async putSearchCursor(c: SearchCursor): Promise<void> {
    this.run('putSearchCursor', () =>
      this.prep('INSERT OR REPLACE INTO search_cursors (source_id, state, updated_at) VALUES (?, ?, ?)').run(
        c.sourceId,
        JSON.stringify({ next: c.next, lastSearched: c.lastSearched }),
        c.updatedAt,
      ),
    );
  }

  async listSearchCursors(): Promise<SearchCursor[]> {
    return this.run('listSearchCursors', () =>
      (this.prep('SELECT * FROM search_cursors ORDER BY source_id').all() as CursorRow[]).map(toCursor),
    );
  }
}
