/**
 * A min-heap of items by time, ties in insertion order (so draining it is deterministic): the
 * frames on their way to a host, ordered by when they reach its NIC. Binary, in arrays.
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
      const p = (i - 1) >> 1;
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
        const l = 2 * i + 1;
        if (l >= m) break;
        let c = l;
        const r = l + 1;
        if (
          r < m &&
          ((times[r] as number) < (times[l] as number) ||
            ((times[r] as number) === (times[l] as number) &&
              (seqs[r] as number) < (seqs[l] as number)))
        )
          c = r;
        const ct = times[c] as number;
        if (t < ct || (t === ct && s < (seqs[c] as number))) break;
        times[i] = ct;
        seqs[i] = seqs[c] as number;
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
