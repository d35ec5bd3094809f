import { grownTo } from './grow';
import { SFC32_WARM_UP, sfc32Seed } from './rng';

/**
 * Many named sfc32 streams in one typed array: member `i` draws exactly what
 * `rngStream(seed, name).next()` draws (same seeding, same warm-up), so a run gives the same
 * results either way. For per-stream state touched on every packet (thousands of RTP streams):
 * `rngStream` keeps each generator's state in its own closure context, scattered over the heap,
 * and at 4 000 streams the draw for a packet's link delay was the hottest line of the run
 * (CPU profile, ADR 0021 addendum 6); here the states sit 16 bytes apart.
 */
export class RngPool {
  private state = new Int32Array(64);
  private n = 0;

  /** Members so far. */
  get size(): number {
    return this.n;
  }

  /** Adds the stream (seed, name) and returns its index. */
  add(seed: number, name: string): number {
    const i = this.n++;
    this.state = grownTo(this.state, 4 * this.n);
    this.state.set(sfc32Seed(seed, name), 4 * i);
    for (let k = 0; k < SFC32_WARM_UP; k++) this.next(i);
    return i;
  }

  /** Member `i`'s next draw, uniform in [0, 1). */
  next(i: number): number {
    const s = this.state;
    const o = 4 * i;
    const a = s[o] as number;
    const b = s[o + 1] as number;
    let c = s[o + 2] as number;
    const d = s[o + 3] as number;
    const t = (((a + b) | 0) + d) | 0;
    s[o + 3] = (d + 1) | 0;
    s[o] = b ^ (b >>> 9);
    s[o + 1] = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    s[o + 2] = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  }
}
