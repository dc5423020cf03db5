// Sources shared out among crawler instances (issue #7): N instances on one Elasticsearch each fetch a fixed,
// disjoint part of the sources, so no source is fetched twice and adding sources needs no coordination.

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** 32-bit FNV-1a of the UTF-8 bytes of `text`. */
export function fnv1a(text: string): number {
  let hash = FNV_OFFSET;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, FNV_PRIME) >>> 0;
  }
  return hash;
}

/** The instance (0 … count-1) that fetches a source: FNV-1a of its id modulo the instance count. */
export function stableShard(sourceId: string, count: number): number {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`instance count must be ≥ 1, got ${count}`);
  return fnv1a(sourceId) % count;
}

/** Whether this instance (`index` of `count`) fetches the source. */
export function ownsSource(sourceId: string, instance: { index: number; count: number }): boolean {
  return instance.count <= 1 || stableShard(sourceId, instance.count) === instance.index;
}
