import { useShallow } from 'zustand/react/shallow';
import { activeWorkloads, type WorkloadKind } from '../../sim/workloads/slots';
import { WORKLOAD_BIN_US } from '../../sim/workloads/workload-meter';
import { useLab } from '../store/store';
import { OKABE_ITO } from '../theme';
import { binSteps } from './bin-steps';
import { TimeChart, type BarSeries, type LineSeries } from './TimeChart';
import { WORKLOAD_SHORT } from '../cluster-map/workload-outages';
import { useWidth } from '../timeline/use-width';
import { plotWidth } from '../timeline/layout';

type Kind = Exclude<WorkloadKind, 'none'>;

/** What a workload's bins count, in its own tool's words: done, failed, and the latency measured. */
const TERMS: Record<Kind, { good: string; bad: string; latency: string | null }> = {
  'stream-udp': { good: 'packets received', bad: 'packets lost', latency: 'one-way delay' },
  'stream-tcp': {
    good: 'packets read',
    bad: 'segments sent again',
    latency: 'one-way delay (first send → read)',
  },
  web: { good: 'replies', bad: 'client time-outs', latency: 'first SYN → reply' },
  transfer: { good: 'segments acknowledged', bad: 'segments sent again', latency: null },
};

/** A line per workload slot, told apart by colour and dash. */
const LINE_COLOURS = [OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.green, OKABE_ITO.purple];
/** Every other slot dashed, the other way round past the fourth: eight slots, eight looks. */
const dashedSlot = (slot: number): boolean =>
  (slot % 2 === 0) !== (Math.floor((slot - 1) / LINE_COLOURS.length) % 2 === 1);

/**
 * The workloads over time (issue 11 item 5), from their 100 ms bins (workload-views.ts): for
 * each one what it got done and what failed per second, as its own tool counts them (iperf,
 * httperf, a transfer's ACKs); and one chart of their latencies. A failover shows as the seconds
 * with nothing done and the losses or time-outs around them.
 */
export function WorkloadCharts() {
  // Its own width: the same column as the other charts (this part loads on its own, ChartsPanel).
  const [wrapRef, width] = useWidth<HTMLDivElement>();
  const px = plotWidth(width);
  const { views, start, end, playhead, workloads } = useLab(
    useShallow((s) => ({
      views: s.views,
      version: s.viewsVersion,
      start: s.viewStartUs,
      end: s.viewEndUs,
      playhead: s.playheadUs,
      workloads: s.scenario.workloads,
    })),
  );
  const active = activeWorkloads(workloads);
  if (active.length === 0) return null;
  const win = { width, t0: start, t1: end, until: playhead };
  const latency: LineSeries[] = [];
  const charts = active.map(({ slot, w }) => {
    const kind = w.kind as Kind;
    const terms = TERMS[kind];
    const series = views.workloads.bySlot.get(slot);
    const bars: BarSeries[] = [
      {
        kind: 'bars',
        label: terms.good,
        colour: OKABE_ITO.green,
        perSecond: series?.goodPerS ?? [],
      },
      {
        kind: 'bars',
        label: terms.bad,
        colour: OKABE_ITO.vermillion,
        perSecond: series?.badPerS ?? [],
      },
    ];
    if (terms.latency)
      latency.push({
        kind: 'line',
        label: `w${slot} ${WORKLOAD_SHORT[kind]}: ${terms.latency}`,
        colour: LINE_COLOURS[(slot - 1) % LINE_COLOURS.length] as string,
        dashed: dashedSlot(slot),
        dots: true,
        points: series
          ? binSteps(series.latency.t, series.latency.ms, WORKLOAD_BIN_US, start, end, playhead, px)
          : [],
      });
    const done = series?.doneAt;
    const finished =
      done !== undefined && done <= playhead ? ` — finished at ${(done / 1e6).toFixed(2)} s` : '';
    return (
      <TimeChart
        key={slot}
        title={`w${slot} · ${WORKLOAD_SHORT[kind]} on vm${w.target}: ${terms.good} and ${terms.bad}${finished}`}
        unit="per second"
        {...win}
        height={130}
        series={bars}
        testId={`chart-workload-${slot}`}
      />
    );
  });
  return (
    <div ref={wrapRef} className="workload-charts">
      {charts}
      {latency.length > 0 && (
        <TimeChart
          title="Workload latency"
          unit="ms, mean per 100 ms"
          {...win}
          height={150}
          series={latency}
          testId="chart-workload-latency"
        />
      )}
    </div>
  );
}
