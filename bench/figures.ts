/** One measured figure next to the reference measured in the same run. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** What the figure is compared with; null when it has no meaningful reference. */
  reference: string | null;
  referenceValue: number | null;
  /** value / referenceValue; null without a reference. */
  ratio: number | null;
  /** Minimum ratio the figure should reach, or (with `targetIs: 'value≤'`) the most the value may be. */
  target?: number;
  /** How `target` is read: a minimum of `ratio` (the default) or a maximum of `value`. */
  targetIs?: 'ratio≥' | 'value≤';
  met?: boolean;
  /** Extra measured numbers that explain the figure (stage timings, sizes). */
  detail?: Record<string, number | string>;
}

/** A figure compared with its reference; the ratio is value / reference. */
export function compared(
  name: string,
  unit: string,
  value: number,
  reference: string,
  referenceValue: number,
  extra: Pick<Figure, 'target' | 'detail'> = {},
): Figure {
  const ratio = referenceValue > 0 ? round(value / referenceValue, 3) : null;
  const figure: Figure = {
    name,
    value: round(value, 3),
    unit,
    reference,
    referenceValue: round(referenceValue, 3),
    ratio,
  };
  if (extra.target !== undefined) {
    figure.target = extra.target;
    figure.met = ratio !== null && ratio >= extra.target;
  }
  if (extra.detail) figure.detail = extra.detail;
  return figure;
}

/** A figure whose value must stay at or below `limit` (latency, memory); the ratio is value / reference. */
export function bounded(
  name: string,
  unit: string,
  value: number,
  reference: string,
  referenceValue: number,
  limit: number | undefined,
  detail?: Figure['detail'],
): Figure {
  const figure: Figure = {
    name,
    value: round(value, 3),
    unit,
    reference,
    referenceValue: round(referenceValue, 3),
    ratio: referenceValue > 0 ? round(value / referenceValue, 3) : null,
  };
  if (limit !== undefined) {
    figure.target = limit;
    figure.targetIs = 'value≤';
    figure.met = Number.isFinite(value) && value <= limit;
  }
  if (detail) figure.detail = detail;
  return figure;
}

/** A figure that has no reference (e.g. an accuracy score). */
export function standalone(name: string, unit: string, value: number, detail?: Figure['detail']): Figure {
  const figure: Figure = {
    name,
    value: round(value, 3),
    unit,
    reference: null,
    referenceValue: null,
    ratio: null,
  };
  if (detail) figure.detail = detail;
  return figure;
}

/** Round to `digits` decimals. */
export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
