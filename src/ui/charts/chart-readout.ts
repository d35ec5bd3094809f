import type { BarSeries, LineSeries } from './TimeChart';

/** Each series' value at time `t` (µs): a line's last sample at or before t, a bar's second. */
export function valuesAt(
  series: readonly (LineSeries | BarSeries)[],
  t: number,
): { label: string; value: number | null }[] {
  return series.map((s) => {
    if (s.kind === 'bars')
      return { label: s.label, value: s.perSecond[Math.floor(t / 1e6)] ?? null };
    const p = s.points;
    let lo = 0;
    let hi = p.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((p[mid] as readonly [number, number])[0] <= t) lo = mid + 1;
      else hi = mid;
    }
    return { label: s.label, value: lo > 0 ? (p[lo - 1] as readonly [number, number])[1] : null };
  });
}
