import { toCsv } from '../../sim/export/csv';

/**
 * A chart's series as CSV: lines as (series, time_s, value) rows, a band as two such series (its
 * low and high edge), per-second bars as one column each.
 */
export function seriesCsv(
  unit: string,
  series: readonly (
    | { kind: 'line'; label: string; points: readonly (readonly [number, number])[] }
    | { kind: 'bars'; label: string; perSecond: readonly number[] }
    | { kind: 'band'; label: string; points: readonly (readonly [number, number, number])[] }
  )[],
): string {
  const lines = series.filter((s) => s.kind !== 'bars');
  const bars = series.filter((s) => s.kind === 'bars');
  if (bars.length > 0 && lines.length === 0) {
    const n = Math.max(...bars.map((b) => b.perSecond.length));
    return toCsv(
      ['second', ...bars.map((b) => `${b.label} (${unit})`)],
      Array.from({ length: n }, (_, i) => [i, ...bars.map((b) => b.perSecond[i] ?? 0)]),
    );
  }
  const rows: (string | number)[][] = [];
  for (const s of series) {
    if (s.kind === 'line') for (const [t, v] of s.points) rows.push([s.label, t / 1e6, v]);
    if (s.kind === 'band')
      for (const [t, lo, hi] of s.points)
        if (Number.isFinite(lo) && Number.isFinite(hi))
          rows.push([`${s.label} (low)`, t / 1e6, lo], [`${s.label} (high)`, t / 1e6, hi]);
  }
  return toCsv(['series', 'time_s', `value (${unit})`], rows);
}
