import { useMemo, useState } from 'react';
import type { RunViews } from '../views/run-views';
import type { RtpSeries } from '../views/run-view-cols';
import { baselineRtp } from '../baseline/baseline-series';
import { decimate } from './decimate';
import { BAND_COLOURS, bandSeries } from './band-series';
import { StreamBands, binWidthUs, type BandMetric } from './stream-bands';
import { nearestStream, pickedIn, streamName } from './stream-pick';
import { StreamPicker } from './StreamPicker';
import { TimeChart, type LineSeries, type Series } from './TimeChart';

/** Band builders per run (the views object) and metric, carried over renders so playback folds only new samples. */
const builders = new WeakMap<RunViews, Map<BandMetric, StreamBands>>();

/** The bands of `metric` over the window, up to `until`: the run's builder (moved to `until`), or a new one when the window changed. */
function bandsOf(
  views: RunViews,
  series: readonly (RtpSeries | undefined)[],
  metric: BandMetric,
  t0: number,
  t1: number,
  until: number,
  px: number,
): StreamBands {
  let byMetric = builders.get(views);
  if (!byMetric) builders.set(views, (byMetric = new Map()));
  const binUs = binWidthUs(t0, t1, px, metric);
  let b = byMetric.get(metric);
  if (!b || !b.fits(series.length, metric, t0, t1, binUs)) {
    b = new StreamBands(series.length, metric, t0, t1, binUs);
    byMetric.set(metric, b);
  }
  b.update(series, until);
  return b;
}

interface Props {
  readonly views: RunViews;
  /** Bumped when the views change in place. */
  readonly version: number;
  readonly calls: number;
  readonly baseViews: RunViews | null;
  readonly width: number;
  /** Plot width in pixels (bins are BIN_PX of them). */
  readonly px: number;
  readonly t0: number;
  readonly t1: number;
  readonly until: number;
}

/**
 * Many streams: jitter, loss and delay as percentile bands across streams (median, p95, max per
 * time bin) with one picked stream drawn over them, instead of one line per stream.
 */
export function BandCharts({ views, version, calls, baseViews, width, px, t0, t1, until }: Props) {
  const streams = calls * 2;
  const [pickedRaw, setPicked] = useState(0);
  const picked = pickedIn(pickedRaw, streams);
  const win = { width, t0, t1, until };

  const charts = useMemo(() => {
    const series = Array.from({ length: streams }, (_, k) => views.rtp.get(k));
    const make = (m: BandMetric) => bandsOf(views, series, m, t0, t1, until, px);
    const jitter = make('jitter');
    const loss = make('loss');
    const delay = make('delay');
    const s = series[picked];
    const name = streamName(picked);
    const pickedLine = (field: 'jitterMs' | 'delayMs'): LineSeries => {
      const points = s ? decimate(s.t, s[field], t0, t1, until, px) : [];
      // J holds between arrivals (as the jitter band counts it): its step runs on to the playhead.
      const last = points.at(-1);
      const end = Math.min(t1, until);
      if (field === 'jitterMs' && last && last[0] < end) points.push([end, last[1]]);
      return {
        kind: 'line',
        label: `picked: ${name}`,
        colour: BAND_COLOURS.picked,
        width: 1.5,
        points,
      };
    };
    // The picked stream's loss per bin, as the band counts it.
    const lossPoints: [number, number][] = [];
    for (let i = 0; i < loss.bins; i++) {
      const start = t0 + i * loss.binUs;
      if (start > loss.limit) break;
      lossPoints.push([start, loss.valueOf(picked, i)]);
    }
    const last = lossPoints.at(-1);
    if (last) lossPoints.push([Math.min(loss.limit, last[0] + loss.binUs), last[1]]);
    const jitterSeries: Series[] = [...bandSeries(jitter, 'jitter'), pickedLine('jitterMs')];
    const delaySeries: Series[] = [...bandSeries(delay, 'delay'), pickedLine('delayMs')];
    if (baseViews) {
      jitterSeries.push(...baselineRtp(baseViews, 'jitterMs', t0, t1, px));
      delaySeries.push(...baselineRtp(baseViews, 'delayMs', t0, t1, px));
    }
    const lossSeries: Series[] = [
      ...bandSeries(loss, 'loss'),
      {
        kind: 'line',
        label: `picked: ${name}`,
        colour: BAND_COLOURS.picked,
        width: 2,
        points: lossPoints,
      },
    ];
    return { jitter, loss, delay, jitterSeries, lossSeries, delaySeries };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- views mutate in place; version says when
  }, [views, version, streams, picked, t0, t1, until, px, baseViews]);

  const ms = (b: StreamBands) => `${Number((b.binUs / 1000).toPrecision(3))} ms`;
  const jitterNote = `${streams} streams in ${ms(charts.jitter)} bins: each stream's largest J in the bin (J holds between its packets)`;
  const delayNote = `${streams} streams in ${ms(charts.delay)} bins: each stream's largest delay in the bin; a stream without a packet in a bin is left out of it`;
  const pickFrom = (b: StreamBands) => (t: number, v: number) => {
    const k = nearestStream(b, t, v);
    if (k !== null) setPicked(k);
  };
  return (
    <>
      <StreamPicker
        streams={streams}
        picked={picked}
        wanted={pickedRaw}
        onPick={setPicked}
        series={views.rtp.get(picked)}
        t0={t0}
        until={until}
        version={version}
      />
      <TimeChart
        title="RFC 3550 interarrival jitter, across streams"
        unit="ms"
        {...win}
        height={190}
        series={charts.jitterSeries}
        testId="chart-jitter"
        note={jitterNote}
        onPick={pickFrom(charts.jitter)}
      />
      <TimeChart
        title="Packets lost per stream (RFC 3550 A.3 count, by send time)"
        unit="% of packets expected"
        {...win}
        height={150}
        series={charts.lossSeries}
        testId="chart-loss-pct"
        note={`${streams} streams in ${ms(charts.loss)} bins; a packet counts in the bin it was sent in, and a missing one once it is overdue (longer than the stream's largest delay)`}
        onPick={pickFrom(charts.loss)}
      />
      <TimeChart
        title="One-way delay, across streams"
        unit="ms"
        {...win}
        height={170}
        series={charts.delaySeries}
        testId="chart-delay"
        note={delayNote}
        onPick={pickFrom(charts.delay)}
      />
    </>
  );
}
