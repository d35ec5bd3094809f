import { fnv1a, splitmix32 } from './rng';

/** Draws each generator makes when it is seeded, before its first use (as `rngStream`). */
const WARM_UP = 12;

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
    if (4 * this.n > this.state.length) {
      const grown = new Int32Array(this.state.length * 2);
      grown.set(this.state);
      this.state = grown;
    }
    const st = { s: (fnv1a(name) ^ Math.imul(seed | 0, 0x27d4eb2d)) | 0 };
    const o = 4 * i;
    this.state[o] = splitmix32(st);
    this.state[o + 1] = splitmix32(st);
    this.state[o + 2] = splitmix32(st);
    this.state[o + 3] = splitmix32(st);
    for (let k = 0; k < WARM_UP; k++) this.next(i);
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
