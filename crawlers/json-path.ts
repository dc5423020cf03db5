/** The value at a dot path (`data.list`, `items.0.title`); '' is the value itself; undefined when absent. */
export function valueAt(value: unknown, path: string): unknown {
  if (!path) return value;
  let current: unknown = value;
  for (const key of path.split('.')) {
    if (current === null || current === undefined) return undefined;
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(key)) return undefined;
      current = current[Number(key)];
    } else if (typeof current === 'object') {
      current = (current as Record<string, unknown>)[key];
    } else {
      return undefined;
    }
  }
  return current;
}

/** A scalar at a path as text (numbers too, for epoch timestamps); undefined for objects and absent values. */
export function textAt(value: unknown, path: string | undefined): string | undefined {
  if (!path) return undefined;
  const v = valueAt(value, path);
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}
