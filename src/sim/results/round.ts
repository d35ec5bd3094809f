/** Rounds to `d` decimals for the public summary; a non-finite value becomes 0 (never NaN in JSON). */
export const round = (x: number, d = 3): number =>
  Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : 0;
