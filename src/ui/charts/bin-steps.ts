/**
 * A series of fixed-width bins (start times `t` ascending, values `v`) as the points of a step
 * line over the window [t0, min(t1, until)] drawn `px` pixel columns wide: each bin holds its
 * value to its end, and a bin with no bin right after it ends in a NaN point (a gap in the line,
 * "—" in the readout). Where a pixel column is wider than a bin, the bins in it are merged into
 * their largest value (the worst latency stays visible) and only an empty column is a gap — so
 * zooming out never breaks a line that has a value in every bin.
 */
export function binSteps(
  t: ArrayLike<number>,
  v: ArrayLike<number>,
  binUs: number,
  t0: number,
  t1: number,
  until: number,
  px: number,
): [number, number][] {
  const out: [number, number][] = [];
  const end = Math.min(t1, until);
  // The first bin that ends inside the window.
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((t[mid] as number) + binUs <= t0) lo = mid + 1;
    else hi = mid;
  }
  const col = (t1 - t0) / Math.max(1, px);
  if (col <= binUs) {
    for (let i = lo; i < t.length && (t[i] as number) <= end; i++) {
      const ti = t[i] as number;
      const vi = v[i] as number;
      out.push([ti, vi]);
      const next = t[i + 1];
      if (next === undefined || next > ti + binUs || next > end) {
        out.push([ti + binUs, vi], [ti + binUs, NaN]);
      }
    }
    return out;
  }
  let c = -Infinity;
  let max = -Infinity;
  const close = (k: number, gap: boolean) => {
    out.push([t0 + k * col, max]);
    if (gap) out.push([t0 + (k + 1) * col, max], [t0 + (k + 1) * col, NaN]);
  };
  for (let i = lo; i < t.length && (t[i] as number) <= end; i++) {
    const k = Math.floor(((t[i] as number) - t0) / col);
    if (k !== c) {
      if (c !== -Infinity) close(c, k > c + 1);
      c = k;
      max = -Infinity;
    }
    max = Math.max(max, v[i] as number);
  }
  if (c !== -Infinity) close(c, true);
  return out;
}
