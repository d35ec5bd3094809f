/**
 * A measured figure for a reader: whole numbers from 100, one decimal from 10, two below, three
 * significant figures under 0.01 down to millionths — never an exponent. Three significant figures printed a decayed jitter estimate (RFC 3550's
 * J += (|D| − J)/16 after a gap) as "8.27e-40 ms". Null and non-finite values are a dash.
 */
export function figure(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return '—';
  const a = Math.abs(x);
  // Below 0.01, three significant figures down to millionths (one packet in 50 000 is 0.00200 %),
  // then 0.00: what decays geometrically is nothing to read at 1e-40.
  const small = a > 0 && a < 0.01 ? Math.min(6, 2 - Math.floor(Math.log10(a))) : 0;
  const s =
    a >= 100
      ? x.toFixed(0)
      : a >= 10
        ? x.toFixed(1)
        : small > 0 && a >= 5e-7
          ? x.toFixed(small)
          : x.toFixed(2);
  // -0.00 reads as a sign error.
  return /^-0(\.0+)?$/.test(s) ? s.slice(1) : s;
}

/**
 * A share in per cent, one decimal, that is not whole never reads as whole: 5 998 of 6 000 is
 * "99.97", not "100.0" (which hid two lost registrations); likewise a share above 0 never reads
 * "0.0". Non-finite values are a dash.
 */
export function percent(x: number): string {
  if (!Number.isFinite(x)) return '—';
  let d = 1;
  const whole = (k: number) => Number(x.toFixed(k)) >= 100 || Number(x.toFixed(k)) <= 0;
  while (d < 4 && x > 0 && x < 100 && whole(d)) d++;
  // Past four decimals (one in a million and less), say which side of whole it is.
  if (x > 0 && x < 100 && whole(d)) return x >= 50 ? '>99.9999' : '<0.0001';
  return x.toFixed(d);
}
