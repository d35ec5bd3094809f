import { BUCKET_US, type Buckets, type StepMax } from '../views/buckets';

/**
 * Busy time (µs) in [a, b) from 1 ms buckets. Whole buckets are summed; at the two edges a
 * bucket's busy time is taken as spread evenly over its millisecond (an error of under one bucket
 * per pixel column, invisible at ≥ 1 ms per pixel, where buckets are used).
 */
export function busyOver(bk: Buckets, a: number, b: number): number {
  if (b <= a) return 0;
  const k0 = Math.floor(a / BUCKET_US);
  const k1 = Math.floor(b / BUCKET_US);
  if (k0 === k1) return (bk.at(k0) * (b - a)) / BUCKET_US;
  return (
    (bk.at(k0) * ((k0 + 1) * BUCKET_US - a)) / BUCKET_US +
    bk.sum(k0 + 1, k1) +
    (bk.at(k1) * (b - k1 * BUCKET_US)) / BUCKET_US
  );
}

/** The most packets held in [a, b): bucket maxima up to the last record, then the level it left. */
export function bufferMaxOver(m: StepMax, a: number, b: number): number {
  const k0 = Math.max(0, Math.floor(a / BUCKET_US));
  const k1 = Math.floor((b - 1) / BUCKET_US);
  let max = 0;
  const last = Math.min(k1, m.lastBucket);
  for (let k = k0; k <= last; k++) max = Math.max(max, m.buckets.at(k));
  if (k1 > m.lastBucket) max = Math.max(max, m.current);
  return max;
}
