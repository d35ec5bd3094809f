import { describe, expect, it } from 'vitest';
import { figure, percent } from '../src/ui/components/figure';

describe('figures for a reader', () => {
  it('never prints an exponent: a decayed jitter estimate is 0.00', () => {
    expect(figure(8.27e-40)).toBe('0.00');
    expect(figure(0.0000000389)).toBe('0.00');
  });
  it('keeps three significant figures of a small figure down to millionths', () => {
    expect(figure(0.002)).toBe('0.00200');
    expect(figure(0.00000389)).toBe('0.000004');
    expect(figure(-0.001)).toBe('-0.00100');
  });
  it('keeps three significant figures from 1 up, whole numbers from 100', () => {
    expect(figure(1.2345)).toBe('1.23');
    expect(figure(12.345)).toBe('12.3');
    expect(figure(123.6)).toBe('124');
    expect(figure(-4.5)).toBe('-4.50');
  });
  it('shows a dash for what was not measured', () => {
    expect(figure(null)).toBe('—');
    expect(figure(NaN)).toBe('—');
    expect(figure(Infinity)).toBe('—');
  });
});

describe('shares in per cent', () => {
  it('a share that is not whole never reads as whole (5 998 of 6 000 answered is not 100.0 %)', () => {
    expect(percent((100 * 5998) / 6000)).toBe('99.97');
    expect(percent(99.9996)).toBe('99.9996');
    expect(percent(0.004)).toBe('0.004');
    expect(percent(100)).toBe('100.0');
    expect(percent(0)).toBe('0.0');
    expect(percent(42.25)).toBe('42.3');
    expect(percent(NaN)).toBe('—');
    // One lost in 36 million is not whole either.
    expect(percent(100 * (1 - 1 / 36e6))).toBe('>99.9999');
    expect(percent(1e-5)).toBe('<0.0001');
  });
});
