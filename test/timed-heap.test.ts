import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimedHeap } from '../src/sim/engine/timed-heap';

describe('TimedHeap (a host NIC’s inbound frames, ADR 0021)', () => {
  it('pops by time, ties in the order pushed, however pushes and pops interleave', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constant(-1)), { maxLength: 200 }),
        (ops) => {
          const heap = new TimedHeap<number>();
          const model: { t: number; id: number }[] = [];
          let id = 0;
          for (const op of ops) {
            if (op >= 0) {
              heap.push(op, id);
              model.push({ t: op, id: id++ });
            } else {
              model.sort((a, b) => a.t - b.t || a.id - b.id);
              const want = model.shift();
              expect(heap.peekTime()).toBe(want ? want.t : Infinity);
              expect(heap.pop()).toBe(want?.id);
            }
            expect(heap.size).toBe(model.length);
          }
        },
      ),
    );
  });
});
