import type { NumberField } from '../../sim/scenario/field';

/** Decimals of a step (0.1 → 1, 0.05 → 2, 5 → 0). */
export const stepDecimals = (step: number): number => {
  const s = String(step);
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
};

/**
 * A value snapped to the field's step and range, with the float residue of the multiplication
 * rounded away: 299 × 0.1 is 29.900000000000002 in binary floating point, and that string ended
 * up in aria-valuenow, the URL and the label.
 */
export function snapToStep(v: number, f: NumberField): number {
  const snapped = Math.round(v / f.step) * f.step;
  const clamped = Math.min(f.max, Math.max(f.min, snapped));
  return Number(clamped.toFixed(stepDecimals(f.step)));
}
