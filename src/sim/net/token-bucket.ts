/** A token bucket: `rate` tokens per µs, at most `burst` stored. Used for bit/s and packet/s limits. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    public rate: number,
    public burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  /** Tokens available at `now`. */
  level(now: number): number {
    this.tokens = Math.min(this.burst, this.tokens + (now - this.last) * this.rate);
    this.last = now;
    return this.tokens;
  }

  /** Takes `n` tokens if there are that many at `now`. */
  take(now: number, n: number): boolean {
    if (this.level(now) < n) return false;
    this.tokens -= n;
    return true;
  }

  /** µs until `n` tokens are available (0 if they are now). */
  waitFor(now: number, n: number): number {
    const have = this.level(now);
    return have >= n ? 0 : this.rate > 0 ? (n - have) / this.rate : Infinity;
  }
}
