/**
 * Fixed 1 ms time buckets, so a zoomed-out timeline draws from at most one value per bucket
 * rather than from every record: a 200-call minute is 2.8 M CPU slices but 60 000 buckets. 1 ms
 * is where per-record drawing stops paying: at ≥ 1 ms per pixel a slice is far thinner than a
 * pixel, and below it the window holds at most ~1.2 s of records (1200 px).
 */
export const BUCKET_US = 1000;

/** One value per 1 ms bucket, growable (Float32: these are drawn, never summed into results). */
export class Buckets {
  private buf = new Float32Array(1024);
  /** Buckets touched so far (index of the last one + 1). */
  length = 0;

  private ensure(k: number): void {
    if (k < this.buf.length) return;
    let cap = this.buf.length;
    while (cap <= k) cap *= 2;
    const next = new Float32Array(cap);
    next.set(this.buf);
    this.buf = next;
  }

  /** Adds the part of the interval [a, b) µs that falls in each bucket (busy time, µs). */
  addSpan(a: number, b: number): void {
    if (b <= a) return;
    const k1 = Math.floor((b - 1) / BUCKET_US);
    this.ensure(k1);
    for (let k = Math.floor(a / BUCKET_US); k <= k1; k++) {
      const lo = Math.max(a, k * BUCKET_US);
      const hi = Math.min(b, (k + 1) * BUCKET_US);
      this.buf[k] = (this.buf[k] as number) + (hi - lo);
    }
    if (k1 + 1 > this.length) this.length = k1 + 1;
  }

  /** Raises bucket `k` to at least `v`. */
  raise(k: number, v: number): void {
    this.ensure(k);
    if (v > (this.buf[k] as number)) this.buf[k] = v;
    if (k + 1 > this.length) this.length = k + 1;
  }

  /** Value of bucket `k` (0 past the end). */
  at(k: number): number {
    return k < this.length ? (this.buf[k] as number) : 0;
  }

  /** Sum over buckets [k0, k1). */
  sum(k0: number, k1: number): number {
    let s = 0;
    const hi = Math.min(k1, this.length);
    for (let k = Math.max(0, k0); k < hi; k++) s += this.buf[k] as number;
    return s;
  }

  /** Bytes held. */
  get bytes(): number {
    return this.buf.byteLength;
  }
}

/**
 * The maximum of a step function (say packets held in the output buffer) per bucket: each record
 * sets a new level; every bucket the old level spanned is raised to it, so a short burst still
 * shows in its bucket.
 */
export class StepMax {
  readonly buckets = new Buckets();
  private level = 0;
  private lastK = 0;
  /** The highest level seen. */
  max = 0;

  /** The level becomes `v` at time `t` µs (records in time order). */
  set(t: number, v: number): void {
    const k = Math.floor(t / BUCKET_US);
    for (let j = this.lastK; j < k; j++) this.buckets.raise(j, this.level);
    this.buckets.raise(k, Math.max(this.level, v));
    this.level = v;
    this.lastK = k;
    if (v > this.max) this.max = v;
  }

  /** Level after the last record. */
  get current(): number {
    return this.level;
  }

  /** Index of the bucket of the last record. */
  get lastBucket(): number {
    return this.lastK;
  }
}
