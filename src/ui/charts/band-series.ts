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

/** Each drawn bin's start (µs), and one more point at the end of the last so its step shows. */
function binTimes(b: StreamBands): { t: number[]; bins: number[] } {
  const t: number[] = [];
  const bins: number[] = [];
  for (let i = 0; i < b.bins; i++) {
    const start = b.t0 + i * b.binUs;
    if (start > b.limit) break;
    t.push(start);
    bins.push(i);
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
