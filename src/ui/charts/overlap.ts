/**
 * Series that can lie on one line (a call's two directions; R4's VMs held to the same rate) are
 * drawn widest first, each later one thinner on top, so every colour still shows at the edges
 * instead of the last one hiding the others. The i-th of n: 2 px for the last, 2.5 px more per
 * series under it (4.5 / 2 for two, 7 / 4.5 / 2 for three).
 */
export const underlapWidth = (i: number, n: number): number => 2 + 2.5 * Math.max(0, n - 1 - i);

/**
 * Dashes for the i-th of n dashed lines that can coincide (two SLAs of 150 Mb/s): each series
 * owns its own slot of the period, so coinciding lines alternate colours rather than cover.
 */
export function sharedDash(
  i: number,
  n: number,
  dash = 8,
  gap = 5,
): { array: string; offset: number } {
  const period = dash + gap;
  return { array: `${dash} ${period * n - dash}`, offset: -period * i };
}
