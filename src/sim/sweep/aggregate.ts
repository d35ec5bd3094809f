import type { SweepRow } from './row';

/** A metric at one point across its seeds: the mean and the spread (min, max), and how many seeds had a value. */
export interface PointStat {
  readonly point: readonly number[];
  readonly params: SweepRow['params'];
  readonly n: number;
  readonly mean: number | null;
  readonly min: number | null;
  readonly max: number | null;
}

/** Folds rows (any order, any shards) into one statistic per point for `metric`, ordered by point. */
export function aggregate(rows: readonly SweepRow[], metric: string): PointStat[] {
  const byPoint = new Map<
    string,
    { point: readonly number[]; params: SweepRow['params']; xs: number[] }
  >();
  for (const r of rows) {
    const key = r.point.join(',');
    let e = byPoint.get(key);
    if (!e) byPoint.set(key, (e = { point: r.point, params: r.params, xs: [] }));
    const v = r.metrics[metric];
    if (v !== null && v !== undefined) e.xs.push(v);
  }
  return [...byPoint.values()]
    .sort((a, b) => a.point.join(',').localeCompare(b.point.join(','), 'en', { numeric: true }))
    .map(({ point, params, xs }) => ({
      point,
      params,
      n: xs.length,
      mean: xs.length ? xs.reduce((a, x) => a + x, 0) / xs.length : null,
      min: xs.length ? Math.min(...xs) : null,
      max: xs.length ? Math.max(...xs) : null,
    }));
}

/**
 * Merges shards' rows into one ordered result. A run that appears twice must be identical (the
 * simulation is deterministic); missing runs are reported, not invented.
 */
export function mergeRows(
  rows: readonly SweepRow[],
  expected?: number,
): { rows: SweepRow[]; problems: string[] } {
  const byIndex = new Map<number, SweepRow>();
  const problems: string[] = [];
  for (const r of rows) {
    const prev = byIndex.get(r.index);
    if (prev && prev.traceHash !== r.traceHash)
      problems.push(
        `run ${r.index} appears twice with different results (trace ${prev.traceHash} vs ${r.traceHash})`,
      );
    byIndex.set(r.index, r);
  }
  const out = [...byIndex.values()].sort((a, b) => a.index - b.index);
  if (expected !== undefined) {
    const missing: number[] = [];
    for (let i = 0; i < expected; i++) if (!byIndex.has(i)) missing.push(i);
    if (missing.length)
      problems.push(
        `${missing.length} of ${expected} runs missing (first: ${missing.slice(0, 5).join(', ')})`,
      );
  }
  return { rows: out, problems };
}
