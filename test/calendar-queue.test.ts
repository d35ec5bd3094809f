import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CalendarQueue } from '../src/sim/engine/calendar-queue';

/** A push `ahead` µs after the last time given out, or a pop (null). */
const op = fc.oneof(
  fc.record({
    ahead: fc.oneof(
      fc.constant(0),
      fc.integer({ min: 0, max: 40 }),
      fc.integer({ min: 0, max: 5_000 }),
    ),
    frac: fc.boolean(),
  }),
  fc.constant(null),
);

describe('CalendarQueue (a NIC’s inbound frames, the RTP receivers’ arrivals: ADR 0021 addendum 7)', () => {
  it('gives out by time, ties in push order, for pushes never before what was given out', () => {
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 300 }),
        fc.constantFrom(1, 4, 32),
        fc.constantFrom(2, 8, 64),
        (ops, width, slots) => {
          const cal = new CalendarQueue<number>(width, slots);
          // The reference: every item kept, sorted by (time, push order) at each pop.
          const model: { t: number; id: number }[] = [];
          const next = () => {
            model.sort((a, b) => a.t - b.t || a.id - b.id);
            return model.shift();
          };
          let now = 0;
          let id = 0;
          for (const o of ops) {
            if (o) {
              const t = now + o.ahead + (o.frac ? 0.25 : 0);
              cal.push(t, id);
              model.push({ t, id: id++ });
            } else {
              const want = next();
              expect(cal.peekTime()).toBe(want ? want.t : Infinity);
              expect(cal.pop()).toBe(want?.id);
              if (want) now = want.t;
            }
            expect(cal.size).toBe(model.length);
          }
          // Drained, both end in the same order.
          for (let want = next(); want; want = next()) {
            expect(cal.peekTime()).toBe(want.t);
            expect(cal.pop()).toBe(want.id);
          }
          expect(cal.peekTime()).toBe(Infinity);
          expect(cal.pop()).toBeUndefined();
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuses a time it cannot place', () => {
    expect(() => new CalendarQueue<number>().push(Infinity, 1)).toThrow(/out of range/);
    expect(() => new CalendarQueue<number>().push(Number.NaN, 1)).toThrow(/out of range/);
    expect(() => new CalendarQueue<number>().push(-1, 1)).toThrow(/out of range/);
    expect(() => new CalendarQueue<number>(32).push(32 * 2 ** 31, 1)).toThrow(/out of range/);
    expect(() => new CalendarQueue<number>(32).push(32 * 2 ** 31 - 1, 1)).not.toThrow();
  });
});
