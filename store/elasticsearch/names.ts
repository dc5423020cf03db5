// Index names of one deployment: every index is `<prefix>-<kind>`, so several deployments share a cluster.

/** The kinds of index the Elasticsearch store keeps, one per record type. */
export const INDEX_KINDS = [
  'articles',
  'clusters',
  'tips',
  'tipkeys',
  'history',
  'outbox',
  'notices',
  'suggestions',
  'sources',
  'evidence',
  'validators',
  'users',
  'sessions',
  'audit',
  'saved',
  'notes',
  'counters',
  'deadletter',
  'problems',
  'problemlinks',
  'cursors',
  'loginfailures',
] as const;

/** One kind of index. */
export type IndexKind = (typeof INDEX_KINDS)[number];

/** Concrete index names by kind. */
export type IndexNames = Readonly<Record<IndexKind, string>>;

/** The index names under a prefix. */
export function indexNames(prefix: string): IndexNames {
  return Object.fromEntries(INDEX_KINDS.map((kind) => [kind, `${prefix}-${kind}`])) as Record<
    IndexKind,
    string
  >;
}
