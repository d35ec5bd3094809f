import { RngPool } from '../engine/rng-pool';

/**
 * Many `DelayLink`s with the same delays, one generator each, their state in one typed array
 * (`RngPool`): member `i` gives the arrivals a `DelayLink` over `rngStream(seed, name)` gives, so
 * a run's results do not change. For the per-stream RTP links, which thousands of streams use on
 * every packet (ADR 0021 addendum 6).
 */
export class DelayLinkPool {
  private readonly rng = new RngPool();

  constructor(
    private readonly seed: number,
    /** The fixed one-way delay and the most uniform extra delay a packet draws (µs, netem-style). */
    private readonly baseDelay: number,
    private readonly extraMax: number,
  ) {}

  /** Adds the link whose generator is (seed, `name`); returns its index. */
  add(name: string): number {
    return this.rng.add(this.seed, name);
  }

  /** When a packet sent at `from` over link `i` reaches the far end (draws its delay; no event). */
  arrival(i: number, from: number): number {
    const extra = this.extraMax > 0 ? Math.round(this.rng.next(i) * this.extraMax) : 0;
    return from + this.baseDelay + extra;
  }
}
