import { afterEach, describe, expect, it, vi } from 'vitest';
import { TraceKind, TraceRecorder, type TraceBatch } from '../src/sim/engine/trace';
import { FOLD_BUDGET_MS, FOLD_PART, FoldQueue } from '../src/ui/store/fold-queue';

/** A chunk of `n` records whose times are `from`, `from + 1`, … */
function chunk(from: number, n: number): { batch: TraceBatch; id: number } {
  const rec = new TraceRecorder();
  for (let i = 0; i < n; i++) rec.add(from + i, TraceKind.RtpRx, 1);
  return { batch: rec.drain(), id: from };
}

/**
 * A queue whose every part costs `costMs` on its clock (fake timers on), and the first record
 * time of each part it folded.
 */
function timedQueue(costMs: number): {
  q: FoldQueue<{ batch: TraceBatch; id: number }>;
  parts: number[];
} {
  vi.useFakeTimers();
  let clock = 0;
  const parts: number[] = [];
  const q = new FoldQueue<{ batch: TraceBatch; id: number }>(
    (_item, part) => {
      parts.push(part.t[0] as number);
      clock += costMs;
    },
    () => clock,
  );
  return { q, parts };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('FoldQueue (a chunk folded a frame at a time)', () => {
  it('folds every record once, in order, in parts of FOLD_PART, marking the part that ends each chunk', () => {
    const seen: number[] = [];
    const lasts: number[] = [];
    const sizes: number[] = [];
    const q = new FoldQueue<{ batch: TraceBatch; id: number }>(
      (item, part, last) => {
        seen.push(...part.t);
        sizes.push(part.count);
        if (last) lasts.push(item.id);
      },
      () => 0, // the clock never moves: no yield
    );
    q.push(chunk(0, FOLD_PART * 2 + 5));
    q.push(chunk(100_000, 3));
    q.push(chunk(200_000, 0));
    expect(sizes).toEqual([FOLD_PART, FOLD_PART, 5, 3, 0]);
    expect(lasts).toEqual([0, 100_000, 200_000]);
    expect(seen).toEqual([
      ...Array.from({ length: FOLD_PART * 2 + 5 }, (_, i) => i),
      100_000,
      100_001,
      100_002,
    ]);
    expect(q.waiting).toBe(0);
  });

  it('yields once a task has folded for its budget, and goes on from there in the next task', () => {
    // Each part costs half the budget.
    const { q, parts } = timedQueue(FOLD_BUDGET_MS / 2);
    q.push(chunk(0, FOLD_PART * 5));
    // Two parts fill the budget; the rest waits for the next task.
    expect(parts).toEqual([0, FOLD_PART]);
    expect(q.waiting).toBe(1);
    // A chunk arriving meanwhile waits behind it.
    q.push(chunk(1_000_000, 1));
    expect(parts).toHaveLength(2);
    vi.runOnlyPendingTimers();
    expect(parts).toEqual([0, FOLD_PART, 2 * FOLD_PART, 3 * FOLD_PART]);
    vi.runAllTimers();
    expect(parts).toEqual([0, FOLD_PART, 2 * FOLD_PART, 3 * FOLD_PART, 4 * FOLD_PART, 1_000_000]);
    expect(q.waiting).toBe(0);
  });

  it('forgets what waits when cleared (a new run), and folds the next run at once', () => {
    const { q, parts } = timedQueue(FOLD_BUDGET_MS);
    q.push(chunk(0, FOLD_PART * 3));
    expect(parts).toEqual([0]);
    q.clear();
    q.push(chunk(500_000, 2));
    expect(parts).toEqual([0, 500_000]);
    vi.runAllTimers();
    expect(parts).toEqual([0, 500_000]);
  });
});
