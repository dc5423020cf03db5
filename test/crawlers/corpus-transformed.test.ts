import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mainItem } from '../../crawlers/fetch-page.js';
import { SHARED_DIR } from '../helpers/shared-dir.js';
import {
  half,
  type PageLabel,
  TRANSFORM_NOW,
  type TransformedPage,
  transformPage,
} from './page-transforms.js';

// The real labelled pages, transformed at test time into templates they were not tuned on (see page-transforms).
// The pages are split in two halves by a hash of their name: rules were fitted looking at "in" only; "out" checks.
const PAGES = join(SHARED_DIR, 'corpus', 'articles', 'pages');
const LABELS = join(SHARED_DIR, 'corpus', 'articles', 'labels');
const SCORER = join(SHARED_DIR, 'tools', 'extraction-score.mjs');
const AVAILABLE = existsSync(PAGES) && existsSync(LABELS) && existsSync(SCORER);

interface Summary {
  title: { ok: number; of: number };
  time: { ok: number; of: number };
  body: { ok: number; of: number };
}
interface Row {
  page: string;
  title: boolean;
  time: boolean;
  body: boolean | null;
}

function buildSet(): TransformedPage[] {
  const names = readdirSync(LABELS)
    .filter((f) => f.endsWith('.json'))
    .sort();
  return names.flatMap((f, i) => {
    const label = JSON.parse(readFileSync(join(LABELS, f), 'utf8')) as PageLabel;
    const html = readFileSync(join(PAGES, `${label.page}.html`), 'utf8');
    return transformPage(html, label, i);
  });
}

describe('generic extractor on transformed real pages', () => {
  if (!AVAILABLE) {
    it.skip(`skipped: the labelled corpus or its scorer is missing (${PAGES})`, () => {});
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'yuqing-transformed-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const set = buildSet();
  const predictions = new Map(
    set.map((p) => [
      p.name,
      mainItem(p.html, `file:///pages/${p.name}.html`, { timezone: 'Asia/Shanghai', now: TRANSFORM_NOW }),
    ]),
  );

  const score = (which: 'in' | 'out'): { summary: Summary; rows: Row[] } => {
    const labels = join(dir, `labels-${which}`);
    mkdirSync(labels, { recursive: true });
    const pred: Record<string, { title: string; publishedAt: string | null; body: string }> = {};
    for (const p of set.filter((t) => half(t.label.page.split('~')[0] ?? '') === which)) {
      writeFileSync(join(labels, `${p.name}.json`), JSON.stringify(p.label));
      const got = predictions.get(p.name);
      pred[p.name] = {
        title: got?.title ?? '',
        publishedAt: got?.publishedAt ?? null,
        body: got?.body ?? '',
      };
    }
    const file = join(dir, `pred-${which}.json`);
    writeFileSync(file, JSON.stringify(pred));
    const out = execFileSync(process.execPath, [SCORER, '--labels', labels, '--pred', file, '--json'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const dump = process.env.YUQING_TRANSFORM_DUMP;
    if (dump) writeFileSync(join(dump, `rows-${which}.json`), out);
    return JSON.parse(out) as { summary: Summary; rows: Row[] };
  };

  for (const which of ['in', 'out'] as const) {
    it(`gets title, time and body ≥ 95 % right on the held-${which} half`, () => {
      const { summary, rows } = score(which);
      const misses = rows.filter((r) => !r.title || !r.time || r.body === false).map((r) => r.page);
      const line = (['title', 'time', 'body'] as const)
        .map((k) => `${k} ${summary[k].ok}/${summary[k].of}`)
        .join('  ');
      console.log(
        `held-${which} transformed: ${line}${misses.length ? `  misses: ${misses.join(' ')}` : ''}`,
      );
      for (const k of ['title', 'time', 'body'] as const) {
        expect(summary[k].ok / summary[k].of, `${k}: ${line} ${misses.join(' ')}`).toBeGreaterThanOrEqual(
          0.95,
        );
      }
    });
  }

  it('never keeps an injected by-line, editor line, "返回…" link or share bar in the body', () => {
    const leaks = set.flatMap((p) =>
      p.injected.filter((l) => predictions.get(p.name)?.body.includes(l)).map((l) => `${p.name}: ${l}`),
    );
    expect(leaks).toEqual([]);
  });

  it('falls back to the description, marked partial, when the body is gone', () => {
    const gone = set.filter((p) => p.name.endsWith('~no-body'));
    expect(gone.length).toBeGreaterThan(20);
    // A body that still reads as related to the headline (a caption, a teaser of the same story) may stand.
    const fellBack = gone.filter((p) => {
      const got = predictions.get(p.name);
      return got?.partial === true && got.body.includes(p.label.body_must[0]?.slice(0, 8) ?? '\u0000');
    });
    expect(fellBack.length / gone.length).toBeGreaterThanOrEqual(0.9);
  });
});
