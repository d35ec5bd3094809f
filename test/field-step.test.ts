import { describe, expect, it } from 'vitest';
import type { NumberField } from '../src/sim/scenario/field';
import { fieldAt } from '../src/sim/scenario/scenario';
import { snapToStep, stepDecimals } from '../src/ui/components/field-step';

const failAt = fieldAt('failures.f1.atS') as NumberField;

describe('snapToStep', () => {
  it('leaves no float residue: every step of the failure time prints as typed', () => {
    for (let i = Math.ceil(failAt.min / failAt.step); i * failAt.step <= failAt.max; i++) {
      const v = snapToStep(i * failAt.step + failAt.step / 3, failAt);
      expect(String(v)).toMatch(new RegExp(`^\\d+(\\.\\d{1,${stepDecimals(failAt.step)}})?$`));
    }
    expect(snapToStep(29.9, failAt)).toBe(29.9);
  });
  it('clamps to the field range', () => {
    expect(snapToStep(-5, failAt)).toBe(failAt.min);
    expect(snapToStep(failAt.max + 50, failAt)).toBe(failAt.max);
  });
  it('counts the decimals of a step', () => {
    expect([stepDecimals(5), stepDecimals(0.1), stepDecimals(0.05)]).toEqual([0, 1, 2]);
  });
});
