/**
 * A measured figure for a reader: whole numbers from 100, one decimal from 10, two below — never
 * an exponent. Three significant figures printed a decayed jitter estimate (RFC 3550's
 * J += (|D| − J)/16 after a gap) as "8.27e-40 ms". Null and non-finite values are a dash.
 */
export function figure(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return '—';
  const a = Math.abs(x);
  const s = a >= 100 ? x.toFixed(0) : a >= 10 ? x.toFixed(1) : x.toFixed(2);
  // -0.00 reads as a sign error.
  return /^-0(\.0+)?$/.test(s) ? s.slice(1) : s;
}
