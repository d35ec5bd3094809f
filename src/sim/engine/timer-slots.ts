import type { EventHandler } from './event-queue';

/**
 * Re-armable timers: each slot holds at most one pending firing, ordered by (time, key) like the
 * event queue's events, in a binary heap that knows where each slot sits so re-arming moves the
 * slot instead of leaving a superseded event behind. A CPU's "next thing that happens here"
 * (the end of a slice or job) is re-planned far more often than it fires — 238,000 of the cluster
 * bench's 1.96 M planned events were superseded before they fired (ADR 0021 addendum) — and a
 * timer costs a sift in a heap of a few dozen slots instead of a push into, and later a pop from,
 * the event queue. Linux's hrtimers are re-armed in place the same way (hrtimer_start on a
 * queued timer moves it in the timerqueue, kernel/time/hrtimer.c).
 */
export class TimerSlots {
  private cap = 16;
  /** Per slot: time and key of its pending firing, where it is in `heap` (-1: not armed), handler. */
  private times = new Float64Array(this.cap);
  private keys = new Float64Array(this.cap);
  private pos = new Int32Array(this.cap).fill(-1);
  private handlers: EventHandler[] = [];
  /** Armed slots as a binary min-heap by (time, key). */
  private heap = new Int32Array(this.cap);
  private n = 0;

  /** Armed slots. */
  get size(): number {
    return this.n;
  }

  /** A new slot, not armed, that runs `handler` when it fires. */
  add(handler: EventHandler): number {
    const slot = this.handlers.length;
    if (slot === this.cap) this.grow();
    this.handlers.push(handler);
    return slot;
  }

  /** Time of the earliest firing (Infinity when none is armed). */
  peekTime(): number {
    return this.n > 0 ? (this.times[this.heap[0] as number] as number) : Infinity;
  }

  /** Key of the earliest firing (Infinity when none is armed). */
  peekKey(): number {
    return this.n > 0 ? (this.keys[this.heap[0] as number] as number) : Infinity;
  }

  /** Arms `slot` to fire at `time` with `key`, replacing the firing it had. */
  set(slot: number, time: number, key: number): void {
    this.times[slot] = time;
    this.keys[slot] = key;
    const i = this.pos[slot] as number;
    if (i < 0) {
      this.heap[this.n] = slot;
      this.pos[slot] = this.n++;
      this.up(this.n - 1);
    } else {
      // An earlier (time, key) moves it up, a later one sinks it (`setTimerAt` may give an older key).
      this.up(i);
      this.down(this.pos[slot] as number);
    }
  }

  /** Disarms `slot` (nothing when it is not armed). */
  clear(slot: number): void {
    const i = this.pos[slot] as number;
    if (i < 0) return;
    this.removeAt(i);
  }

  /** Whether `slot` is armed. */
  armed(slot: number): boolean {
    return (this.pos[slot] as number) >= 0;
  }

  /** Disarms the earliest slot and returns its handler (call only when `size` > 0). */
  pop(): EventHandler {
    const slot = this.heap[0] as number;
    this.removeAt(0);
    return this.handlers[slot] as EventHandler;
  }

  private removeAt(i: number): void {
    const slot = this.heap[i] as number;
    this.pos[slot] = -1;
    const last = --this.n;
    if (i === last) return;
    const moved = this.heap[last] as number;
    this.heap[i] = moved;
    this.pos[moved] = i;
    this.up(i);
    this.down(this.pos[moved] as number);
  }

  private less(a: number, b: number): boolean {
    const ta = this.times[a] as number;
    const tb = this.times[b] as number;
    return ta < tb || (ta === tb && (this.keys[a] as number) < (this.keys[b] as number));
  }

  private up(start: number): void {
    const heap = this.heap;
    const slot = heap[start] as number;
    let i = start;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const ps = heap[p] as number;
      if (!this.less(slot, ps)) break;
      heap[i] = ps;
      this.pos[ps] = i;
      i = p;
    }
    heap[i] = slot;
    this.pos[slot] = i;
  }

  private down(start: number): void {
    const heap = this.heap;
    const n = this.n;
    const slot = heap[start] as number;
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      let c = l;
      if (l + 1 < n && this.less(heap[l + 1] as number, heap[l] as number)) c = l + 1;
      const cs = heap[c] as number;
      if (!this.less(cs, slot)) break;
      heap[i] = cs;
      this.pos[cs] = i;
      i = c;
    }
    heap[i] = slot;
    this.pos[slot] = i;
  }

  private grow(): void {
    const cap = this.cap * 2;
    const times = new Float64Array(cap);
    times.set(this.times);
    const keys = new Float64Array(cap);
    keys.set(this.keys);
    const pos = new Int32Array(cap).fill(-1);
    pos.set(this.pos);
    const heap = new Int32Array(cap);
    heap.set(this.heap);
    this.times = times;
    this.keys = keys;
    this.pos = pos;
    this.heap = heap;
    this.cap = cap;
  }
}
