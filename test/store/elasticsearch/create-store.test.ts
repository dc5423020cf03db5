// settings.store and settings.instance: validation, and the backend createStore picks.
import { describe, expect, it } from 'vitest';
import { settingsSchema } from '../../../config/schema/settings.js';
import { silentLogger } from '../../../core/log.js';
import { createStore } from '../../../store/create-store.js';
import { ElasticsearchStore } from '../../../store/elasticsearch/elasticsearch-store.js';
import { SqliteStore } from '../../../store/sqlite/sqlite-store.js';

describe('settings.store / settings.instance', () => {
  it('defaults to SQLite and one instance', () => {
    const s = settingsSchema.parse({});
    expect(s.store).toMatchObject({ type: 'sqlite', indexPrefix: 'yuqing' });
    expect(s.instance).toEqual({ index: 0, count: 1 });
  });

  it('accepts an Elasticsearch store with API key or user and password, and rejects half a login', () => {
    const es = { type: 'elasticsearch', node: 'https://es01:9200', tls: { ca: '/certs/ca/ca.crt' } };
    expect(settingsSchema.safeParse({ store: { ...es, auth: { apiKey: 'k' } } }).success).toBe(true);
    expect(
      settingsSchema.safeParse({ store: { ...es, auth: { username: 'elastic', password: 'p' } } }).success,
    ).toBe(true);
    expect(settingsSchema.safeParse({ store: { ...es, auth: { username: 'elastic' } } }).success).toBe(false);
    expect(settingsSchema.safeParse({ store: { type: 'elasticsearch' } }).success).toBe(false);
    expect(settingsSchema.safeParse({ store: { ...es, indexPrefix: 'Bad Prefix' } }).success).toBe(false);
  });

  it('requires the instance index to be below the count', () => {
    expect(settingsSchema.safeParse({ instance: { index: 1, count: 2 } }).success).toBe(true);
    expect(settingsSchema.safeParse({ instance: { index: 2, count: 2 } }).success).toBe(false);
  });

  it('createStore builds the backend the settings name', async () => {
    const base = settingsSchema.parse({});
    const sqlite = createStore({ settings: { ...base, storePath: ':memory:' } }, silentLogger());
    expect(sqlite).toBeInstanceOf(SqliteStore);
    await sqlite.close();
    const esSettings = settingsSchema.parse({
      store: { type: 'elasticsearch', node: 'http://127.0.0.1:9', indexPrefix: 'x' },
    });
    const es = createStore({ settings: { ...esSettings, storePath: '' } }, silentLogger());
    expect(es).toBeInstanceOf(ElasticsearchStore);
    await es.close();
  });
});
