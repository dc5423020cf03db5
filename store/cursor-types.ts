// Persisted crawl cursors (issue 20): where a search source's query rotation stands, per source.

/** The rotation state of one search source. */
export interface SearchCursor {
  sourceId: string;
  /** Position in the source's full query list where the next cycle starts. */
  next: number;
  /** Unit key (`round/unit`) → ISO time the unit was last searched by this source. */
  lastSearched: Record<string, string>;
  updatedAt: string;
}

/** Reads and writes search cursors; one record per source, replaced whole. */
export interface CursorStore {
  getSearchCursor(sourceId: string): Promise<SearchCursor | undefined>;
  putSearchCursor(cursor: SearchCursor): Promise<void>;
  listSearchCursors(): Promise<SearchCursor[]>;
}
