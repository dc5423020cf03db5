// Round setup from the console: validate like the YAML loader, write the file, and take effect without restart.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../cli/app.js';
import { loadConfig } from '../../config/loader.js';
import type { RoundConfig } from '../../config/schema.js';
import { createConsoleServer } from '../../console/server.js';
import { silentLogger } from '../../core/log.js';
import type { ExtractedArticle } from '../../core/types.js';
import { ingestArticle } from '../../ingest/ingest-article.js';
import type { SearchResult } from '../../store/store.js';
import { ROOT } from '../helpers/cli.js';
import { tempDir } from './fixtures.js';
import { signIn, type TestSession } from './session.js';

let app: FastifyInstance;
let service: App;
let admin: TestSession;
let configDir: string;
let cleanup: () => Promise<void>;
const ALIAS = '明州建设委';
const TEXT = `网友反映${ALIAS}工作人员违规收费、吃拿卡要，群众意见很大。`;

beforeAll(async () => {
  const tmp = tempDir();
  configDir = join(tmp.dir, 'config');
  cpSync(join(ROOT, 'config'), configDir, { recursive: true, filter: (src) => !src.endsWith('.ts') });
  const config = await loadConfig(configDir, { dataDir: join(tmp.dir, 'data') });
  service = await buildApp(config, silentLogger());
  app = createConsoleServer({
    store: service.store,
    config: service.config,
    queryTerms: (text) => service.queryTerms(text),
    applyConfig: async (next) => service.reload?.(next),
    logger: silentLogger(),
    webRoot: null,
  });
  await app.ready();
  admin = await signIn(app, service.store, service.config, { name: 'admin', role: 'admin' });
  cleanup = async () => {
    await app.close();
    await service.close();
    tmp.remove();
  };
});

afterAll(async () => cleanup());

async function roundConfig(): Promise<{ round: RoundConfig; file: string; options: { sources: unknown[] } }> {
  return admin.getJson('/api/rounds/2026-r4/config');
}

const dryRun = async (round?: RoundConfig) => {
  const res = await admin.inject({
    method: 'POST',
    url: '/api/rounds/2026-r4/dry-run',
    payload: { title: '', text: TEXT, ...(round ? { round } : {}) },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { units: { unitId: string }[]; score: number; level: string; parts: unknown[] };
};

const put = (round: unknown) =>
  admin.inject({ method: 'PUT', url: '/api/rounds/2026-r4/config', payload: { round } });

function article(url: string): ExtractedArticle {
  return {
    url,
    sourceId: 'demo-forum',
    sourceName: '明州论坛',
    sourceType: 'html',
    title: `${ALIAS}被指违规收费`,
    body: TEXT,
    publishedAt: '2026-11-22T09:30:00+08:00',
    fetchedAt: '2026-11-22T09:31:00+08:00',
  };
}

describe('round setup', () => {
  it('reads the round with the form options', async () => {
    const { round, file, options } = await roundConfig();
    expect(file).toBe('rounds/2026-r4.yaml');
    expect(round.units.map((u) => u.id)).toContain('zjj');
    expect(options.sources.length).toBeGreaterThan(0);
  });

  it('names each invalid field and leaves the file alone', async () => {
    const before = readFileSync(join(configDir, 'rounds/2026-r4.yaml'), 'utf8');
    const { round } = await roundConfig();
    const bad = structuredClone(round) as unknown as { units: { aliases: unknown[] }[]; levels: unknown };
    bad.units[0]?.aliases.push(42);
    bad.levels = { red: 'high' };
    const res = await put(bad);
    expect(res.statusCode).toBe(400);
    const { error } = res.json() as { error: { code: string; fields: { path: string }[] } };
    expect(error.code).toBe('E_CONFIG');
    expect(error.fields.map((f) => f.path).sort()).toEqual(['levels.red', 'units.0.aliases.2']);
    // A check only the whole config can make (the source must exist in sources.yaml) also lands on its field.
    const unknownSource = { ...round, sources: [...round.sources, 'no-such-source'] };
    const cross = await put(unknownSource);
    expect(cross.statusCode).toBe(400);
    expect(cross.json().error.fields).toMatchObject([{ path: `sources.${round.sources.length}` }]);
    const renamed = await put({ ...round, id: 'other' });
    expect(renamed.json().error.fields).toMatchObject([{ path: 'id' }]);
    expect(readFileSync(join(configDir, 'rounds/2026-r4.yaml'), 'utf8')).toBe(before);
  });

  it('refuses impossible dates and level lines with the Chinese, 1-based messages config check prints', async () => {
    const before = readFileSync(join(configDir, 'rounds/2026-r4.yaml'), 'utf8');
    const { round } = await roundConfig();
    const bad = structuredClone(round);
    bad.phases.entry = { start: '2026-13-45', end: '2027-01-15' };
    bad.levels = { ...bad.levels, red: 10, orange: 35 };
    (bad.units[1] as { name: string }).name = '';
    const res = await put(bad);
    expect(res.statusCode).toBe(400);
    const { error } = res.json() as {
      error: { message: string; fields: { path: string; message: string }[] };
    };
    expect(error.fields).toEqual([
      {
        path: 'phases.entry.start',
        message: '进驻阶段的开始日期（phases.entry.start）: 不是真实存在的日期：「2026-13-45」',
      },
      { path: 'units.1.name', message: '第 2 个单位的名称（name）: 应填写单位名称，实际为「」' },
      { path: 'levels.red', message: '红色分数线（levels.red）: 红色分数线（10）应高于橙色分数线（35）' },
    ]);
    expect(error.message).toMatch(/^轮次配置无效：进驻阶段的开始日期.*（共 3 处）$/);
    expect(readFileSync(join(configDir, 'rounds/2026-r4.yaml'), 'utf8')).toBe(before);
    // The same lines, file first, from the YAML loader that `config check` and `run` use.
    const yamlDir = join(configDir, '..', 'yaml-check');
    cpSync(configDir, yamlDir, { recursive: true });
    const text = before
      .replace('entry: { start: 2026-11-01', 'entry: { start: 2026-13-45')
      .replace('# levels: { red: 60, orange: 35, yellow: 15 }', 'levels: { red: 10, orange: 35 }')
      .replace('name: 明州市市场监督管理局', 'name: ""');
    writeFileSync(join(yamlDir, 'rounds/2026-r4.yaml'), text);
    const loaded = await loadConfig(yamlDir, { env: {} }).catch((e: Error) => e.message);
    expect(String(loaded).split('\n').sort()).toEqual(
      error.fields.map((f) => `rounds/2026-r4.yaml: ${f.message}`).sort(),
    );
  });

  it('dry-runs the unsaved form, then saving writes the YAML and a new alias matches without restart', async () => {
    const { round } = await roundConfig();
    expect((await dryRun()).units).toEqual([]);
    const edited = structuredClone(round);
    const zjj = edited.units.find((u) => u.id === 'zjj');
    zjj?.aliases.push(ALIAS);
    // The dry run follows the form before it is saved.
    const preview = await dryRun(edited);
    expect(preview.units.map((u) => u.unitId)).toEqual(['zjj']);
    expect(preview.score).toBeGreaterThan(0);
    // Nothing is saved yet: the running service still misses the alias.
    expect(service.process(article('http://127.0.0.1/before.html')).assessments[0]?.units).toEqual([]);

    const saved = await put(edited);
    expect(saved.statusCode, saved.body).toBe(200);
    const file = readFileSync(join(configDir, 'rounds/2026-r4.yaml'), 'utf8');
    expect(file).toContain(ALIAS);
    const reloaded = await loadConfig(configDir);
    expect(
      reloaded.rounds.find((r) => r.id === '2026-r4')?.units.find((u) => u.id === 'zjj')?.aliases,
    ).toContain(ALIAS);

    expect((await dryRun()).units.map((u) => u.unitId)).toEqual(['zjj']);
    const rounds = await admin.getJson<{ rounds: { units: { id: string; aliases: string[] }[] }[] }>(
      '/api/rounds',
    );
    expect(rounds.rounds[0]?.units.find((u) => u.id === 'zjj')?.aliases).toContain(ALIAS);
    // The next ingest uses the new alias: stored with the unit, and found by a unit-filtered search.
    expect(await ingestArticle(service, article('http://127.0.0.1/after.html'))).toMatchObject({
      inserted: true,
    });
    const found = await admin.getJson<SearchResult>(`/api/search?unit=zjj&q=${encodeURIComponent(ALIAS)}`);
    expect(found.hits.map((h) => h.url)).toEqual(['http://127.0.0.1/after.html']);
    const log = await admin.getJson<{ entries: { action: string; target: string }[] }>(
      '/api/audit?action=config_change',
    );
    expect(log.entries[0]?.target).toBe('rounds/2026-r4.yaml');
  });
});
