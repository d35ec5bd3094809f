/**
 * A monotone calendar queue (R. Brown, "Calendar queues", CACM 31(10), 1988): items by time, ties
 * in the order pushed (so draining it is deterministic), for a queue whose pushes are never earlier
 * than what it has already given out (a NIC's inbound frames, the RTP receivers' arrivals: each is
 * pushed at an arrival time ≥ now and taken once now has reached it).
 *
 * Time is cut into buckets `width` µs wide, kept in a ring of slots that covers every occupied
 * bucket (it doubles when a push lands further out). A push appends to its bucket; the earliest
 * bucket is sorted once when it is first read (insertion sort of a few items, stable, so ties stay
 * in push order) and then read front to back. At 4 000 streams a NIC's inbound frames number
 * thousands, and a 4-ary heap's pops were two thirds of the quarter of that run spent in the
 * receive interrupt (ADR 0021 addendum 7); here a pop is a read.
 */
export class CalendarQueue<T> {
  private slots: number;
  private mask: number;
  private times: (number[] | undefined)[];
  private items: (T[] | undefined)[];
  /** Per slot: the absolute bucket it holds, where reading has got to, how many it holds. */
  private bucketOf: Float64Array;
  private head: Int32Array;
  private len: Int32Array;
  /** Per slot: 1 once sorted for reading (pushes then insert in order). */
  private open: Uint8Array;
  /**
   * One bit per slot, set while it holds items: the next occupied bucket is found a word (32
   * slots) at a time. A frame far ahead (a WAN delay of 500 ms is 15 600 buckets) beside sparse
   * near ones made every near pop walk to it slot by slot, ~30× slower.
   */
  private occupied: Uint32Array;
  /** The earliest and latest occupied buckets (valid while `count > 0`). */
  private low = 0;
  private high = 0;
  private count = 0;

  constructor(
    /** Bucket width, µs. */
    private readonly width = 32,
    initialSlots = 1024,
  ) {
    this.slots = initialSlots;
    this.mask = initialSlots - 1;
    this.times = new Array<number[] | undefined>(initialSlots);
    this.items = new Array<T[] | undefined>(initialSlots);
    this.bucketOf = new Float64Array(initialSlots);
    this.head = new Int32Array(initialSlots);
    this.len = new Int32Array(initialSlots);
    this.open = new Uint8Array(initialSlots);
    this.occupied = new Uint32Array(Math.ceil(initialSlots / 32));
  }

  get size(): number {
    return this.count;
  }

  /** Time of the earliest item (Infinity when empty). */
  peekTime(): number {
    if (this.count === 0) return Infinity;
    const k = this.low & this.mask;
    if (this.open[k] === 0) this.sortSlot(k);
    return (this.times[k] as number[])[this.head[k] as number] as number;
  }

  /** Adds `item` at `time` (finite, ≥ the time of anything already popped). */
  push(time: number, item: T): void {
    const b = Math.floor(time / this.width);
    if (!(b >= 0 && b < 2 ** 31)) throw new Error(`calendar queue: time ${time} out of range`);
    if (this.count === 0) {
      this.low = b;
      this.high = b;
    } else if (b < this.low) {
      if (this.high - b >= this.slots) this.grow(this.high - b);
      this.low = b;
    } else if (b > this.high) {
      if (b - this.low >= this.slots) this.grow(b - this.low);
      this.high = b;
    }
    this.count++;
    const k = b & this.mask;
    const n = this.len[k] as number;
    let times = this.times[k];
    let items = this.items[k];
    if (times === undefined || items === undefined) {
      times = this.times[k] = [];
      items = this.items[k] = [];
    }
    if (n === 0) {
      this.bucketOf[k] = b;
      this.occupied[k >>> 5] = (this.occupied[k >>> 5] as number) | (1 << (k & 31));
    }
    if (this.open[k] === 1) {
      // Sorted for reading: after every item at or before `time` (a later push wins no tie).
      const h = this.head[k] as number;
      let j = n;
      while (j > h && (times[j - 1] as number) > time) {
        times[j] = times[j - 1] as number;
        items[j] = items[j - 1] as T;
        j--;
      }
      times[j] = time;
      items[j] = item;
    } else {
      times[n] = time;
      items[n] = item;
    }
    this.len[k] = n + 1;
  }

  /** Removes and returns the earliest item (its time is `peekTime()` before the call). */
  pop(): T | undefined {
    if (this.count === 0) return undefined;
    const k = this.low & this.mask;
    if (this.open[k] === 0) this.sortSlot(k);
    const items = this.items[k] as T[];
    const h = this.head[k] as number;
    const item = items[h] as T;
    items[h] = undefined as T; // let the item go
    this.count--;
    if (h + 1 < (this.len[k] as number)) {
      this.head[k] = h + 1;
      return item;
    }
    this.head[k] = 0;
    this.len[k] = 0;
    this.open[k] = 0;
    this.occupied[k >>> 5] = (this.occupied[k >>> 5] as number) & ~(1 << (k & 31));
    if (this.count > 0) this.low = this.nextOccupied(this.low + 1);
    return item;
  }

  /**
   * The first occupied bucket from `b` on. Every occupied bucket is in [low, high], which the
   * ring holds in order from low's slot round, so the first occupied slot from `b`'s slot on,
   * wrapping, holds it.
   */
  private nextOccupied(b: number): number {
    // Near buckets first: with dense traffic the next one is a slot or two away.
    for (let i = 0; i < 4; i++, b++)
      if (this.len[b & this.mask] !== 0) return this.bucketOf[b & this.mask] as number;
    const occ = this.occupied;
    const slot = b & this.mask;
    let w = slot >>> 5;
    let bits = (occ[w] as number) & (~0 << (slot & 31));
    while (bits === 0) {
      w = w + 1 === occ.length ? 0 : w + 1;
      bits = occ[w] as number;
    }
    // The lowest set bit of the word.
    const k = (w << 5) + 31 - Math.clz32(bits & -bits);
    return this.bucketOf[k] as number;
  }

  /** Sorts slot `k` by time, stable (items were appended in push order), for reading. */
  private sortSlot(k: number): void {
    const times = this.times[k] as number[];
    const items = this.items[k] as T[];
    const n = this.len[k] as number;
    for (let i = 1; i < n; i++) {
      const t = times[i] as number;
      if ((times[i - 1] as number) <= t) continue;
      const it = items[i] as T;
      let j = i;
      while (j > 0 && (times[j - 1] as number) > t) {
        times[j] = times[j - 1] as number;
        items[j] = items[j - 1] as T;
        j--;
      }
      times[j] = t;
      items[j] = it;
    }
    this.open[k] = 1;
  }

  /** Doubles the ring until it spans `span + 1` buckets, moving each occupied bucket to its slot. */
  private grow(span: number): void {
    let slots = this.slots;
    while (span >= slots) slots *= 2;
    const mask = slots - 1;
    const times = new Array<number[] | undefined>(slots);
    const items = new Array<T[] | undefined>(slots);
    const bucketOf = new Float64Array(slots);
    const head = new Int32Array(slots);
    const len = new Int32Array(slots);
    const open = new Uint8Array(slots);
    const occupied = new Uint32Array(Math.ceil(slots / 32));
    for (let k = 0; k < this.slots; k++) {
      if (this.len[k] === 0) continue;
      const b = this.bucketOf[k] as number;
      const j = b & mask;
      times[j] = this.times[k];
      items[j] = this.items[k];
      bucketOf[j] = b;
      head[j] = this.head[k] as number;
      len[j] = this.len[k] as number;
      open[j] = this.open[k] as number;
      occupied[j >>> 5] = (occupied[j >>> 5] as number) | (1 << (j & 31));
    }
    this.slots = slots;
    this.mask = mask;
    this.times = times;
    this.items = items;
    this.bucketOf = bucketOf;
    this.head = head;
    this.len = len;
    this.open = open;
    this.occupied = occupied;
  }
}
