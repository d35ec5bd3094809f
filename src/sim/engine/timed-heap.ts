/**
 * A min-heap of items by time, ties in insertion order (so draining it is deterministic): the
 * frames on their way to a host, ordered by when they reach its NIC. A 4-ary heap (half the depth
 * of a binary one; a NIC's inbound heap holds a thousand frames at 4 000 streams, and its pops were
 * 6 % of that run) in arrays, moving a hole instead of swapping, as the event queue does.
 */
export class TimedHeap<T> {
  private times: number[] = [];
  private seqs: number[] = [];
  private items: T[] = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  /** Time of the earliest item (Infinity when empty). */
  peekTime(): number {
    return this.items.length > 0 ? (this.times[0] as number) : Infinity;
  }

  push(time: number, item: T): void {
    const times = this.times;
    const seqs = this.seqs;
    const items = this.items;
    const s = this.seq++;
    let i = items.length;
    times.push(time);
    seqs.push(s);
    items.push(item);
    while (i > 0) {
      const p = (i - 1) >> 2;
      const pt = times[p] as number;
      if (pt < time || (pt === time && (seqs[p] as number) < s)) break;
      times[i] = pt;
      seqs[i] = seqs[p] as number;
      items[i] = items[p] as T;
      i = p;
    }
    times[i] = time;
    seqs[i] = s;
    items[i] = item;
  }

  /** Removes and returns the earliest item (its time is `peekTime()` before the call). */
  pop(): T | undefined {
    const items = this.items;
    const n = items.length;
    if (n === 0) return undefined;
    const top = items[0] as T;
    const times = this.times;
    const seqs = this.seqs;
    const t = times.pop() as number;
    const s = seqs.pop() as number;
    const it = items.pop() as T;
    const m = n - 1;
    if (m > 0) {
      let i = 0;
      for (;;) {
        const first = 4 * i + 1;
        if (first >= m) break;
        // Smallest of up to four children.
        let c = first;
        let ct = times[c] as number;
        let cs = seqs[c] as number;
        const end = first + 4 < m ? first + 4 : m;
        for (let j = first + 1; j < end; j++) {
          const jt = times[j] as number;
          if (jt < ct || (jt === ct && (seqs[j] as number) < cs)) {
            c = j;
            ct = jt;
            cs = seqs[j] as number;
          }
        }
        if (t < ct || (t === ct && s < cs)) break;
        times[i] = ct;
        seqs[i] = cs;
        items[i] = items[c] as T;
        i = c;
      }
      times[i] = t;
      seqs[i] = s;
      items[i] = it;
    }
    return top;
  }
}
