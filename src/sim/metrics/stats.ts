/** Summary statistics used by the results and the charts. */

/** Box-plot summary (min, quartiles, max) with mean and count. */
export interface BoxSummary {
  readonly count: number;
  readonly min: number;
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
  readonly max: number;
  readonly mean: number;
}

/** Quantile by linear interpolation between closest ranks (R type 7), on sorted values. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (h - lo) * (b - a);
}

/** Box-plot summary of `values`; all fields are 0 for an empty input so no NaN reaches a display. */
export function boxSummary(values: ArrayLike<number>): BoxSummary {
  const n = values.length;
  if (n === 0) return { count: 0, min: 0, q1: 0, median: 0, q3: 0, max: 0, mean: 0 };
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i] as number;
  return {
    count: n,
    min: sorted[0] as number,
    q1: quantileSorted(sorted, 0.25),
    median: quantileSorted(sorted, 0.5),
    q3: quantileSorted(sorted, 0.75),
    max: sorted[n - 1] as number,
    mean: sum / n,
  };
}

/** Empirical CDF points (value, fraction ≤ value), one per distinct sorted sample. */
export function empiricalCdf(values: ArrayLike<number>): { x: number; p: number }[] {
  const sorted = Float64Array.from(values).sort();
  const out: { x: number; p: number }[] = [];
  const n = sorted.length;
  for (let i = 0; i < n; i++) {
    const x = sorted[i] as number;
    if (i + 1 < n && sorted[i + 1] === x) continue;
    out.push({ x, p: (i + 1) / n });
  }
  return out;
}

/** Fixed-width histogram: counts per bin of width `width` starting at `lo`. */
export function histogram(
  values: ArrayLike<number>,
  lo: number,
  width: number,
  bins: number,
): number[] {
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const k = Math.floor(((values[i] as number) - lo) / width);
    if (k >= 0 && k < bins) counts[k] = (counts[k] as number) + 1;
  }
  return counts;
}

/** Mean of values (0 when empty). */
export function mean(values: ArrayLike<number>): number {
  if (values.length === 0) return 0;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] as number;
  return s / values.length;
}
