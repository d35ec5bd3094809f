import * as d3 from 'd3';

/**
 * The time axis's tick labels for a window [start, end] (µs) with about `count` ticks: in seconds,
 * with as many decimals as the tick step needs (d3's precisionFixed of its tickStep), so ticks
 * 0.2 ms apart at the deepest zoom (a 2 ms window) read 29.5542, 29.5544 … and never repeat.
 */
export function timeTickFormat(start: number, end: number, count: number): (us: number) => string {
  const step = d3.tickStep(start / 1e6, end / 1e6, count);
  const digits = step > 0 && Number.isFinite(step) ? d3.precisionFixed(step) : 0;
  return (us) => `${(us / 1e6).toFixed(Math.min(6, digits))} s`;
}
