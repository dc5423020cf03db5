// Sources shared out among instances: the split is a pure function of the source id and the instance count.
import { describe, expect, it } from 'vitest';
import { fnv1a, ownsSource, stableShard } from '../../ingest/shard.js';

const ids = Array.from({ length: 400 }, (_, i) => `source-${i}`);

describe('stableShard', () => {
  it('is FNV-1a of the UTF-8 id modulo the count', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
    expect(stableShard('foobar', 7)).toBe(0xbf9cf968 % 7);
  });

  it('gives every source to exactly one of N instances, and the same one every time', () => {
    for (const count of [1, 2, 3, 5]) {
      const owners = ids.map((id) =>
        Array.from({ length: count }, (_, index) => index).filter((index) =>
          ownsSource(id, { index, count }),
        ),
      );
      expect(owners.every((o) => o.length === 1)).toBe(true);
      expect(ids.map((id) => stableShard(id, count))).toEqual(ids.map((id) => stableShard(id, count)));
    }
  });

  it('spreads sources roughly evenly and handles Chinese ids', () => {
    const sizes = [0, 0, 0];
    for (const id of ids) sizes[stableShard(id, 3)] = (sizes[stableShard(id, 3)] ?? 0) + 1;
    for (const n of sizes) expect(n).toBeGreaterThan(100);
    expect(stableShard('明州新闻网', 4)).toBe(fnv1a('明州新闻网') % 4);
  });

  it('keeps a source on its instance when other sources are added', () => {
    const before = new Map(ids.slice(0, 200).map((id) => [id, stableShard(id, 4)]));
    for (const [id, shard] of before) expect(stableShard(id, 4)).toBe(shard);
  });

  it('refuses a count below one', () => {
    expect(() => stableShard('x', 0)).toThrow(RangeError);
  });
});
