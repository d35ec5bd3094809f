import { describe, expect, it } from 'vitest';
import { availability, availabilityFigures, formatDowntime } from '../src/sim/cluster/availability';
import { REFERENCE } from './reference-data';

describe('R8 availability arithmetic', () => {
  it('A = MTBF / (MTBF + MTTR)', () => {
    expect(availability(999, 1).availability).toBeCloseTo(0.999, 12);
    expect(availability(8760, 4).availability).toBeCloseTo(8760 / 8764, 12);
    expect(() => availability(0, 1)).toThrow(RangeError);
  });

  it.each(REFERENCE.r8.downtimePerYear)(
    '$availabilityPct % ⇒ $text of downtime per year',
    (row) => {
      const f = availabilityFigures(row.availabilityPct / 100);
      expect(f.downtimePerYearS).toBeCloseTo(row.seconds, -Math.floor(Math.log10(row.seconds)) + 2);
      expect(Math.abs(f.downtimePerYearS - row.seconds) / row.seconds).toBeLessThan(0.005);
      expect(f.nines).toBeCloseTo(-Math.log10(1 - row.availabilityPct / 100), 9);
      expect(formatDowntime(f.downtimePerYearS)).toBe(row.text);
    },
  );
});
