import * as d3 from 'd3';
import type { RtpSeries } from '../views/run-view-cols';

/** Time column of a stream as the bisector wants it (stream-bands.ts reads it too). */
export const byTime = d3.bisector((t: number) => t);

/** When sample i's packet was sent (µs): its arrival less its one-way delay. */
export function sentAt(s: RtpSeries, i: number): number {
  return (s.t[i] as number) - 1000 * (s.delayMs[i] as number);
}

/**
 * The highest sequence number among a stream's samples before index i, from the one before the
 * window (`t0`) on, as a fresh build starts, and when it was sent; null before any. The highest
 * one arrived at most the stream's largest delay (`maxDelay`, µs) before sample i − 1 did, so
 * only those are read.
 */
export function highestBefore(
  s: RtpSeries,
  i: number,
  t0: number,
  maxDelay: number,
): { seq: number; sent: number } | null {
  if (i === 0) return null;
  let best = i - 1;
  const first = Math.max(0, byTime.left(s.t, t0) - 1);
  const from = (s.t[i - 1] as number) - maxDelay;
  for (let j = i - 2; j >= first && (s.t[j] as number) >= from; j--)
    if ((s.seq[j] as number) > (s.seq[best] as number)) best = j;
  return { seq: s.seq[best] as number, sent: sentAt(s, best) };
}

/**
 * The earliest send time (µs) whose loss count can change after `limit`: a packet arriving later
 * was sent at most the stream's largest delay before it, and a gap it reveals starts at the
 * highest number heard by `limit` — which for a stream silent since an outage is far back.
 */
export function lossSettledBefore(
  series: readonly (RtpSeries | undefined)[],
  maxDelay: Float64Array,
  t0: number,
  limit: number,
): number {
  let earliest = limit;
  series.forEach((s, k) => {
    if (!s) return;
    const d = maxDelay[k] as number;
    earliest = Math.min(earliest, limit - d);
    const h = highestBefore(s, byTime.right(s.t, limit), t0, d);
    if (h) earliest = Math.min(earliest, h.sent);
  });
  return earliest;
}

/** The largest one-way delay (µs) of a stream's samples from index `from` on, and `max` so far. */
export function largestDelay(s: RtpSeries, from: number, max: number): number {
  let m = max;
  for (let j = from; j < s.delayMs.length; j++) m = Math.max(m, 1000 * (s.delayMs[j] as number));
  return m;
}
