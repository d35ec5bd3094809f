import type { Micros } from '../engine/units';

/**
 * How many distinct pages a running guest dirties in a window: Clark et al.'s writable working
 * set (NSDI 2005, §3): writes land in a set of W pages that the guest keeps rewriting, at r page
 * writes a second. With writes spread uniformly over the set, the expected number of distinct
 * pages written in a window of length T is the coupon-collector expectation W·(1 − e^(−rT/W)):
 * it grows like r·T for short windows and saturates at W for long ones, which is why pre-copy
 * rounds shrink until they reach the set's "hot" floor. Deterministic (an expectation, rounded),
 * so the same migration gives the same rounds.
 */
export interface DirtyModel {
  /** Writable working set W (pages). */
  readonly wwsPages: number;
  /** Page writes per second r into the working set. */
  readonly dirtyPagesPerS: number;
  /**
   * Extra pages dirtied in [from, to) besides the working set (e.g. packet buffers of a VoIP
   * load; the caller's hook). Added to the window's count; the total is capped at the memory.
   */
  readonly extra?: (from: Micros, to: Micros) => number;
}

/** Distinct pages dirtied in [from, to), at most `memoryPages`. */
export function dirtiedPages(
  model: DirtyModel,
  from: Micros,
  to: Micros,
  memoryPages: number,
): number {
  const seconds = Math.max(0, to - from) / 1_000_000;
  const w = Math.min(model.wwsPages, memoryPages);
  const writes = model.dirtyPagesPerS * seconds;
  const fromSet = w > 0 ? Math.round(w * (1 - Math.exp(-writes / w))) : 0;
  const extra = model.extra ? Math.max(0, Math.round(model.extra(from, to))) : 0;
  return Math.min(memoryPages, fromSet + extra);
}
