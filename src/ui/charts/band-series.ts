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

/** Empty runs needed before they count as a pattern the band may step over. */
export const RECURRING_RUNS = 5;

/**
 * The longest run of bins with no value (in bins) that the band steps over, holding the bin
 * before it: twice the median run, when empty runs recur (RECURRING_RUNS or more between bins
 * with values), else none. Under Remus Net a relay's output leaves in one burst per epoch, so at a
 * 50 ms bin every other bin had no packet and the 2000-call delay band broke into ticks; an
 * outage is one run, far longer than the bursts' gaps, and stays a gap (a live migration's
 * 0.34 s blackout in 50 ms bins was stepped over by a fixed 500 ms bridge).
 */
export function bridgeBins(b: StreamBands, end: number): number {
  const runs: number[] = [];
  let from = -1;
  let seen = false;
  for (let i = 0; i < end; i++) {
    if (Number.isNaN(b.median[i] as number)) {
      if (from < 0) from = i;
    } else {
      if (from >= 0 && seen) runs.push(i - from);
      from = -1;
      seen = true;
    }
  }
  if (runs.length < RECURRING_RUNS) return 0;
  runs.sort((x, y) => x - y);
  return 2 * (runs[Math.floor(runs.length / 2)] as number);
}

/**
 * Each drawn bin's start (µs), and one more point at the end of the last so its step shows. A
 * run of bins with no value up to `bridgeBins` long after one with a value is left out, so the
 * step before it holds across it.
 */
function binTimes(b: StreamBands): { t: number[]; bins: number[] } {
  const t: number[] = [];
  const bins: number[] = [];
  let end = 0;
  while (end < b.bins && b.t0 + end * b.binUs <= b.limit) end++;
  const bridge = bridgeBins(b, end);
  let emptyFrom = -1;
  for (let i = 0; i < end; i++) {
    if (Number.isNaN(b.median[i] as number)) {
      if (emptyFrom < 0) emptyFrom = i;
      continue;
    }
    // The empty run before this bin: too long to step over, it is drawn as the gap it is.
    if (emptyFrom === 0 || (emptyFrom > 0 && i - emptyFrom > bridge)) {
      t.push(b.t0 + emptyFrom * b.binUs);
      bins.push(emptyFrom);
    }
    emptyFrom = -1;
    t.push(b.t0 + i * b.binUs);
    bins.push(i);
  }
  // Empty bins up to the playhead: nothing has come since the last value (a gap once long).
  if (emptyFrom === 0 || (emptyFrom > 0 && end - emptyFrom > bridge)) {
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
