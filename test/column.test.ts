import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { f32, f64, u16, u32, u8, type Column, type TypedColumn } from '../src/ui/views/column';
import { SLAB_BYTES, Slab } from '../src/ui/views/slab';

const makers = { f64, f32, u32, u16, u8 } as const;

describe('UI columns', () => {
  it('keep every push, in order, whatever their room (plain, reserved, resizable, past the reservation, carved from a shared slab)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...(Object.keys(makers) as (keyof typeof makers)[])),
        fc.option(fc.integer({ min: 1, max: 600 }), { nil: undefined }),
        fc.option(fc.integer({ min: 1, max: 3000 }), { nil: undefined }),
        fc.boolean(),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 1, max: 700 }),
        (kind, initial, max, shared, n, commitEvery) => {
          // Two columns filled in turn: from one slab, each one's growth moves it past the other's.
          const slab = shared ? new Slab() : undefined;
          const cols: Column<TypedColumn>[] = [
            makers[kind]({ initial, max, slab }),
            makers[kind]({ initial, max, slab }),
          ];
          const want: number[][] = [[], []];
          for (let i = 0; i < n; i++) {
            const k = i % 2;
            const c = cols[k] as Column<TypedColumn>;
            const v = (i * 7) % 200;
            c.push(v);
            want[k]?.push(v);
            if (i % commitEvery === 0) {
              c.commit();
              expect(Array.from(c.values)).toEqual(want[k]);
            }
          }
          for (const [k, c] of cols.entries()) {
            c.commit();
            expect(Array.from(c.values)).toEqual(want[k]);
            c.trim();
            expect(c.bytes).toBe(c.length * c.values.BYTES_PER_ELEMENT);
            expect(Array.from(c.values)).toEqual(want[k]);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('carve many small columns from one shared buffer, each on an 8-byte boundary', () => {
    const slab = new Slab();
    const a = slab.take(Uint8Array, 3);
    const b = slab.take(Float64Array, 4);
    expect(b.buffer).toBe(a.buffer);
    expect(b.byteOffset).toBe(8);
    // Over a quarter of the shared buffer: a buffer of its own.
    const big = slab.take(Float64Array, SLAB_BYTES / 8);
    expect(big.buffer).not.toBe(a.buffer);
    expect(big.byteOffset).toBe(0);
  });

  it('grow in place inside a resizable reservation: the buffer stays the same object, no copy', () => {
    const c = f64({ max: 100_000 });
    c.push(1);
    c.commit();
    const before = c.values.buffer;
    for (let i = 0; i < 50_000; i++) c.push(i);
    c.commit();
    expect(c.values.buffer).toBe(before);
    expect(c.length).toBe(50_001);
    // Past the reservation it goes on by copying.
    for (let i = 0; i < 100_000; i++) c.push(i);
    c.commit();
    expect(c.values.buffer).not.toBe(before);
    expect(c.values[150_000]).toBe(99_999);
  });
});
