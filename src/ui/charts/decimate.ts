/**
 * Reduces a time series to at most two points (min and max) per pixel column inside the window
 * [t0, t1] (and up to `until`), so a chart stays fast with any number of samples while its
 * spikes stay visible.
 */
export function decimate(
  t: ArrayLike<number>,
  v: ArrayLike<number>,
  t0: number,
  t1: number,
  until: number,
  pixels: number,
): [number, number][] {
  const out: [number, number][] = [];
  if (t.length === 0 || pixels <= 0) return out;
  const end = Math.min(t1, until);
  const width = (t1 - t0) / pixels;
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((t[mid] as number) < t0) lo = mid + 1;
    else hi = mid;
  }
  let i = Math.max(0, lo - 1);
  while (i < t.length && (t[i] as number) <= end) {
    const col = Math.floor(((t[i] as number) - t0) / width);
    let minI = i;
    let maxI = i;
    let j = i + 1;
    while (
      j < t.length &&
      (t[j] as number) <= end &&
      Math.floor(((t[j] as number) - t0) / width) === col
    ) {
      if ((v[j] as number) < (v[minI] as number)) minI = j;
      if ((v[j] as number) > (v[maxI] as number)) maxI = j;
      j++;
    }
    const a = Math.min(minI, maxI);
    const b = Math.max(minI, maxI);
    out.push([t[a] as number, v[a] as number]);
    if (b !== a) out.push([t[b] as number, v[b] as number]);
    i = j;
  }
  return out;
}
