import type { Series } from './TimeChart';

/**
 * Each series' value at time `t` (µs): a line's last sample at or before t, a band's low and high
 * there, a bar's second. A value that is not a number (a gap: no stream had a packet) is null.
 */
export function valuesAt(
  series: readonly Series[],
  t: number,
): { label: string; value: number | null; low?: number }[] {
  return series.map((s) => {
    if (s.kind === 'bars')
      return { label: s.label, value: s.perSecond[Math.floor(t / 1e6)] ?? null };
    const p = s.points;
    let lo = 0;
    let hi = p.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (((p[mid] as readonly number[])[0] as number) <= t) lo = mid + 1;
      else hi = mid;
    }
    const at = lo > 0 ? (p[lo - 1] as readonly number[]) : undefined;
    const value = at?.[s.kind === 'band' ? 2 : 1];
    if (value === undefined || !Number.isFinite(value)) return { label: s.label, value: null };
    const low = s.kind === 'band' ? (at?.[1] as number) : undefined;
    return low === undefined || !Number.isFinite(low)
      ? { label: s.label, value }
      : { label: s.label, value, low };
  });
}
