/**
 * Seeded PRNG streams. Each component owns a stream named after it, derived from the scenario
 * seed and the name, so adding a VM does not change another VM's draws (DESIGN §2).
 * Generator: sfc32 (PractRand-clean, 32-bit state words, fast in JS); seeding: FNV-1a of the
 * name mixed with the seed through splitmix32.
 */
export interface RngStream {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** Uniform integer in [lo, hi]. */
  int(lo: number, hi: number): number;
  /** Exponential with the given mean. */
  exponential(mean: number): number;
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Draws a generator makes once seeded, before its first use. */
export const SFC32_WARM_UP = 12;

/** The sfc32 state words (a, b, c, d) of stream (seed, name), before the warm-up draws. */
export function sfc32Seed(seed: number, name: string): [number, number, number, number] {
  const st = { s: (fnv1a(name) ^ Math.imul(seed | 0, 0x27d4eb2d)) | 0 };
  return [splitmix32(st), splitmix32(st), splitmix32(st), splitmix32(st)];
}

/** A named stream for `seed`. The same (seed, name) always yields the same sequence. */
export function rngStream(seed: number, name: string): RngStream {
  let [a, b, c, d] = sfc32Seed(seed, name);
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < SFC32_WARM_UP; i++) next();
  return {
    next,
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    exponential: (mean) => -mean * Math.log(1 - next()),
  };
}
