import { sliceBatch, type TraceBatch } from '../../sim/engine/trace';

/** Records folded between two looks at the clock. */
export const FOLD_PART = 4096;
/**
 * Main-thread time one task may spend folding chunks before it yields (ms): a frame then fits
 * between two parts. A chunk from the worker holds ~25 ms of its work; folded whole, the first
 * chunks of an 800-stream run (which open thousands of stream columns) took 80–100 ms of CPU in
 * one task (ADR 0021, addendum 5).
 */
export const FOLD_BUDGET_MS = 10;

/** What is folded: a batch of records and what the fold needs to know about its chunk. */
export interface FoldItem {
  readonly batch: TraceBatch;
}

/**
 * Folds the worker's chunks in arrival order, in parts of FOLD_PART records, yielding to the
 * event loop (a 0 ms timer) once a task has folded for FOLD_BUDGET_MS. `fold(item, part, last)`
 * gets each part; `last` marks the part that ends its chunk.
 */
export class FoldQueue<T extends FoldItem> {
  private queue: T[] = [];
  private offset = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly fold: (item: T, part: TraceBatch, last: boolean) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** A chunk arrived: folded now if nothing waits, else after what waits. */
  push(item: T): void {
    this.queue.push(item);
    if (this.timer === undefined) this.drain();
  }

  /** Forgets every chunk not yet folded (a new run started). */
  clear(): void {
    this.queue = [];
    this.offset = 0;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Chunks waiting, the one being folded included. */
  get waiting(): number {
    return this.queue.length;
  }

  private drain(): void {
    this.timer = undefined;
    const t0 = this.now();
    while (this.queue.length > 0) {
      const item = this.queue[0] as T;
      const b = item.batch;
      const end = Math.min(b.count, this.offset + FOLD_PART);
      const last = end === b.count;
      const part = this.offset === 0 && last ? b : sliceBatch(b, this.offset, end);
      this.offset = end;
      if (last) {
        this.queue.shift();
        this.offset = 0;
      }
      this.fold(item, part, last);
      if (this.queue.length > 0 && this.now() - t0 >= FOLD_BUDGET_MS) {
        this.timer = setTimeout(() => this.drain(), 0);
        return;
      }
    }
  }
}
