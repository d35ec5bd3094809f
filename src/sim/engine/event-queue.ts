import type { Micros } from './units';

/** What runs when an event fires. */
export type EventHandler = (now: Micros) => void;

/** 2^40: priority · 2^40 + seq keeps the tie-break a single comparison (seq < 2^40 events). */
const PRIORITY_SCALE = 1_099_511_627_776;

/**
 * Min-heap of events ordered by (time, priority, seq). `seq` only grows, so events at the same
 * time and priority fire in the order they were scheduled: ties are deterministic (SimPy's
 * (time, priority, eid) key). A 4-ary heap (half the depth of a binary one) in typed arrays that
 * moves a "hole" instead of swapping: the hold-model benchmark measures it (bench/hold-model.ts).
 */
export class EventQueue {
  private times = new Float64Array(1024);
  private keys = new Float64Array(1024);
  private handlers: (EventHandler | undefined)[] = new Array<EventHandler | undefined>(1024);
  private n = 0;
  private seq = 0;

  /** Number of pending events. */
  get size(): number {
    return this.n;
  }

  /**
   * Adds an event. Lower priority numbers fire first among events at the same time. Returns its
   * key (its place among events at the same time).
   */
  push(time: Micros, priority: number, handler: EventHandler): number {
    if (this.n === this.times.length) this.grow();
    const key = priority * PRIORITY_SCALE + this.seq++;
    this.insert(time, key, handler);
    return key;
  }

  /**
   * A key as `push` would give an event scheduled now, for a firing kept outside the queue (a
   * re-armable timer, timer-slots.ts) that must order against the queue's events as one would.
   */
  nextKey(priority: number): number {
    return priority * PRIORITY_SCALE + this.seq++;
  }

  /** Key of the next event (Infinity when empty). */
  peekKey(): number {
    return this.n > 0 ? (this.keys[0] as number) : Infinity;
  }

  private insert(time: Micros, key: number, handler: EventHandler): void {
    const times = this.times;
    const keys = this.keys;
    const hs = this.handlers;
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 2;
      const pt = times[p] as number;
      if (pt < time || (pt === time && (keys[p] as number) < key)) break;
      times[i] = pt;
      keys[i] = keys[p] as number;
      hs[i] = hs[p];
      i = p;
    }
    times[i] = time;
    keys[i] = key;
    hs[i] = handler;
  }

  /** Time of the next event, or Infinity when empty. */
  peekTime(): number {
    return this.n > 0 ? (this.times[0] as number) : Infinity;
  }

  /** Removes the next event and returns its handler; its time is `peekTime()` before the call. */
  pop(): EventHandler | undefined {
    const n = this.n;
    if (n === 0) return undefined;
    const hs = this.handlers;
    const top = hs[0];
    const last = n - 1;
    this.n = last;
    if (last > 0) {
      const times = this.times;
      const keys = this.keys;
      const t = times[last] as number;
      const k = keys[last] as number;
      const h = hs[last];
      let i = 0;
      for (;;) {
        const first = 4 * i + 1;
        if (first >= last) break;
        // Smallest of up to four children.
        let c = first;
        let ct = times[c] as number;
        let ck = keys[c] as number;
        const end = first + 4 < last ? first + 4 : last;
        for (let j = first + 1; j < end; j++) {
          const jt = times[j] as number;
          if (jt < ct || (jt === ct && (keys[j] as number) < ck)) {
            c = j;
            ct = jt;
            ck = keys[j] as number;
          }
        }
        if (t < ct || (t === ct && k < ck)) break;
        times[i] = ct;
        keys[i] = ck;
        hs[i] = hs[c];
        i = c;
      }
      times[i] = t;
      keys[i] = k;
      hs[i] = h;
    }
    hs[last] = undefined;
    return top;
  }

  private grow(): void {
    const cap = this.times.length * 2;
    const t = new Float64Array(cap);
    t.set(this.times);
    const k = new Float64Array(cap);
    k.set(this.keys);
    this.times = t;
    this.keys = k;
    this.handlers.length = cap;
  }
}
