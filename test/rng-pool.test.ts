import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RngPool } from '../src/sim/engine/rng-pool';
import { rngStream } from '../src/sim/engine/rng';

describe('RngPool', () => {
  it('draws, member by member, exactly what rngStream draws for the same seed and name', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer(), fc.string()), { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 300 }),
        (members, order) => {
          const pool = new RngPool();
          const streams = members.map(([seed, name]) => {
            pool.add(seed, name);
            return rngStream(seed, name);
          });
          // Interleaved draws: a member's sequence does not depend on the others' draws.
          for (const k of order) {
            const i = k % members.length;
            expect(pool.next(i)).toBe((streams[i] as ReturnType<typeof rngStream>).next());
          }
        },
      ),
    );
  });

  it('keeps its members past the first growth of its state', () => {
    const pool = new RngPool();
    for (let i = 0; i < 100; i++) pool.add(7, `rtp:up:${i}`);
    expect(pool.size).toBe(100);
    const ref = rngStream(7, 'rtp:up:3');
    expect([pool.next(3), pool.next(3)]).toEqual([ref.next(), ref.next()]);
  });
});
