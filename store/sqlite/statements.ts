import type Database from 'better-sqlite3';

/** Prepares each SQL text once per connection; better-sqlite3 statements are reusable. */
export type Prepare = (sql: string) => Database.Statement;

/** A Prepare bound to `db` that caches statements by their SQL text. */
export function statementCache(db: Database.Database): Prepare {
  const cache = new Map<string, Database.Statement>();
  return (sql) => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      cache.set(sql, stmt);
    }
    return stmt;
  };
}
