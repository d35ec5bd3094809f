import { OKABE_ITO } from '../theme';
import type { BandSeries, LineSeries } from './TimeChart';
import type { StreamBands } from './stream-bands';

/**
 * Colours of the band view (Okabe–Ito, colour-blind safe): the median as a solid blue line over a
 * sky-blue band up to p95 and a paler orange band from p95 to the maximum; the picked stream is a
 * black line on top. Fill opacities keep the grid and the picked line readable on a projector.
 */
export const BAND_COLOURS = {
  median: OKABE_ITO.blue,
  upper: OKABE_ITO.sky,
  tail: OKABE_ITO.orange,
  picked: OKABE_ITO.black,
} as const;

/**
 * Longest run of bins with no value that the band steps over, holding the bin before it (µs).
 * Under Remus Net a relay's output leaves in one burst per epoch (100 ms or more), so at a 50 ms
 * bin every other bin has no packet at all: the delay band broke into a dozen ticks at 2000
 * calls. A longer silence (an outage) stays a gap.
 */
export const BRIDGE_US = 500_000;

/**
 * Each drawn bin's start (µs), and one more point at the end of the last so its step shows. A
 * run of bins with no value up to BRIDGE_US long between two with one is left out, so the step
 * before it holds across it.
 */
function binTimes(b: StreamBands): { t: number[]; bins: number[] } {
  const t: number[] = [];
  const bins: number[] = [];
  let emptyFrom = -1;
  let end = 0;
  for (let i = 0; i < b.bins; i++) {
    const start = b.t0 + i * b.binUs;
    if (start > b.limit) break;
    end = i + 1;
    if (Number.isNaN(b.median[i] as number)) {
      if (emptyFrom < 0) emptyFrom = i;
      continue;
    }
    // The empty run before this bin: too long to step over, it is drawn as the gap it is.
    if (emptyFrom > 0 && (i - emptyFrom) * b.binUs > BRIDGE_US) {
      t.push(b.t0 + emptyFrom * b.binUs);
      bins.push(emptyFrom);
    } else if (emptyFrom === 0) {
      t.push(b.t0);
      bins.push(0);
    }
    emptyFrom = -1;
    t.push(start);
    bins.push(i);
  }
  // Empty bins up to the playhead: nothing has come since the last value (a gap once long).
  if (emptyFrom === 0 || (emptyFrom > 0 && (end - emptyFrom) * b.binUs > BRIDGE_US)) {
    t.push(b.t0 + emptyFrom * b.binUs);
    bins.push(emptyFrom);
  }
  const last = bins.at(-1);
  if (last !== undefined) {
    t.push(Math.min(b.limit, b.t0 + (last + 1) * b.binUs, b.t1));
    bins.push(last);
  }
  return { t, bins };
}

/** The two bands and the median line of `b`, labelled so the legend says what they are. */
export function bandSeries(b: StreamBands, what: string): (BandSeries | LineSeries)[] {
  const { t, bins } = binTimes(b);
  const at = (arr: Float32Array, i: number) => arr[bins[i] as number] as number;
  return [
    {
      kind: 'band',
      label: `${what}: p95 → max across streams`,
      colour: BAND_COLOURS.tail,
      opacity: 0.35,
      points: t.map((ti, i) => [ti, at(b.p95, i), at(b.max, i)]),
    },
    {
      kind: 'band',
      label: `${what}: median → p95`,
      colour: BAND_COLOURS.upper,
      opacity: 0.55,
      points: t.map((ti, i) => [ti, at(b.median, i), at(b.p95, i)]),
    },
    {
      kind: 'line',
      label: `${what}: median of ${b.streams} streams`,
      colour: BAND_COLOURS.median,
      width: 2,
      points: t.map((ti, i) => [ti, at(b.median, i)]),
    },
  ];
}
