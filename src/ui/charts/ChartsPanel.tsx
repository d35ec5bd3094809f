import { useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../store/store';
import { useBaseline } from '../baseline/baseline-store';
import { baselinePerSecond, baselineRtp } from '../baseline/baseline-series';
import { OKABE_ITO, directionColour } from '../theme';
import { underlapWidth } from './overlap';
import { useWidth } from '../timeline/use-width';
import { plotWidth } from '../timeline/layout';
import { decimate } from './decimate';
import { TimeChart, type BarSeries, type LineSeries } from './TimeChart';
import { recordLatency } from '../perf';
import { BandCharts } from './BandCharts';
import { callSetups } from '../sip-ladder/call-setup';
import { lazyPart } from '../components/LazyPart';
import { activeWorkloads } from '../../sim/workloads/slots';

// The workload charts load when a scenario has workloads (most visits have none).
const WorkloadCharts = lazyPart(
  () => import('./WorkloadCharts').then((m) => m.WorkloadCharts),
  'the workload charts',
  <p className="empty-note">Loading the workload charts…</p>,
);

/** Above this many RTP streams the charts show percentile bands unless the toggle says lines. */
export const BAND_THRESHOLD = 8;

/** How many calls get their own lines; the rest are summarised in the note. */
const MAX_CALLS_DRAWN = 3;

/** Live charts on the shared window: RFC 3550 jitter and delay per direction, loss/late per second, SIP outcomes. */
export function ChartsPanel() {
  const [wrapRef, width] = useWidth<HTMLDivElement>();
  const {
    views,
    version,
    start,
    end,
    playhead,
    calls,
    registerRate,
    runId,
    status,
    editAt,
    hasWorkloads,
  } = useLab(
    useShallow((s) => ({
      views: s.views,
      version: s.viewsVersion,
      start: s.viewStartUs,
      end: s.viewEndUs,
      playhead: s.playheadUs,
      calls: s.scenario.telephony.calls,
      registerRate: s.scenario.telephony.registerRate,
      runId: s.runId,
      status: s.status,
      editAt: s.editAt,
      hasWorkloads: activeWorkloads(s.scenario.workloads).length > 0,
    })),
  );
  const px = plotWidth(width);
  // null: automatic (bands above BAND_THRESHOLD streams); the toggle sets it either way.
  const [bandChoice, setBandChoice] = useState<boolean | null>(null);
  const bands = bandChoice ?? calls * 2 > BAND_THRESHOLD;
  const baseViews = useBaseline((b) => b.views);
  const baseVersion = useBaseline((b) => b.version);
  /** Every chart here shows the same window of the shared time axis. */
  const win = { width, t0: start, t1: end, until: playhead };

  const { jitter, delay } = useMemo(() => {
    const jitter: LineSeries[] = [];
    const delay: LineSeries[] = [];
    if (bands) return { jitter, delay };
    for (let c = 0; c < Math.min(calls, MAX_CALLS_DRAWN); c++) {
      for (const dir of [0, 1]) {
        const s = views.rtp.get(c * 2 + dir);
        const label = `${calls > 1 ? `call ${c + 1} ` : ''}${dir === 0 ? 'caller→callee' : 'callee→caller'}`;
        const colour = directionColour(dir);
        // Calls told apart by line style (each call's directions by colour): solid, dashed, dotted.
        const dashed = c === 1;
        const dotted = c === 2;
        // One call's two directions often coincide: caller→callee underneath, wider.
        const stroke = underlapWidth(dir, 2);
        jitter.push({
          kind: 'line',
          label,
          colour,
          dashed,
          dotted,
          width: stroke,
          points: s ? decimate(s.t, s.jitterMs, start, end, playhead, px) : [],
        });
        delay.push({
          kind: 'line',
          label,
          colour,
          dashed,
          dotted,
          width: stroke,
          points: s ? decimate(s.t, s.delayMs, start, end, playhead, px) : [],
        });
      }
    }
    if (baseViews) {
      jitter.push(...baselineRtp(baseViews, 'jitterMs', start, end, px));
      delay.push(...baselineRtp(baseViews, 'delayMs', start, end, px));
    }
    return { jitter, delay };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- views mutate in place; version says when
  }, [views, version, calls, start, end, playhead, px, baseViews, baseVersion, bands]);

  const loss: (BarSeries | LineSeries)[] = [
    {
      kind: 'bars',
      label: 'lost (never arrived)',
      colour: OKABE_ITO.vermillion,
      perSecond: views.lossPerS,
    },
    {
      kind: 'bars',
      label: 'late (discarded by the playout buffer)',
      colour: OKABE_ITO.orange,
      perSecond: views.latePerS,
    },
  ];
  if (baseViews)
    loss.push(baselinePerSecond('baseline lost + late', [baseViews.lossPerS, baseViews.latePerS]));
  const sip: (BarSeries | LineSeries)[] = [
    {
      kind: 'bars',
      label: '200 OK received',
      colour: OKABE_ITO.green,
      perSecond: views.sipPerS.ok,
    },
    {
      kind: 'bars',
      label: 'retransmissions',
      colour: OKABE_ITO.orange,
      perSecond: views.sipPerS.retrans,
    },
    // Either stack writes a REGISTER's time-out (Timer F) as a Sip record.
    {
      kind: 'bars',
      label: 'timeouts',
      colour: OKABE_ITO.vermillion,
      perSecond: views.sipPerS.timeout,
    },
  ];
  if (baseViews) sip.push(baselinePerSecond('baseline 200 OK', [baseViews.sipPerS.ok]));

  // Each call's post-dial delay and set-up time at the time it was dialled (INVITE dialogs only).
  const setup = useMemo(() => {
    const all = callSetups(views.sipMessages);
    if (all.length === 0) return null;
    // Steps hold until the next call: keep the last call dialled before the window for the left edge.
    const seen = all.filter((c) => c.dialledUs <= Math.min(end, playhead));
    let from = 0;
    while (from + 1 < seen.length && (seen[from + 1] as (typeof seen)[number]).dialledUs <= start)
      from++;
    const shown = seen.slice(from);
    const series: LineSeries[] = [
      {
        kind: 'line',
        label: 'post-dial delay (INVITE → 180 Ringing)',
        colour: OKABE_ITO.blue,
        width: 3,
        points: shown.map((c) => [c.dialledUs, c.ringingMs]),
      },
      {
        kind: 'line',
        label: 'set-up time (INVITE → 200 OK)',
        colour: OKABE_ITO.vermillion,
        dashed: true,
        points: shown.map((c) => [c.dialledUs, c.answeredMs]),
      },
    ];
    return series;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- views mutate in place; version says when
  }, [views, version, start, end, playhead]);

  // Edit → charts updated latency (the bench reads it): first chunk drawn, and run complete.
  const reported = useRef({ first: 0, done: 0 });
  useEffect(() => {
    if (views.records > 0 && reported.current.first !== runId) {
      reported.current.first = runId;
      recordLatency('first', performance.now() - editAt);
    }
    if (status === 'done' && reported.current.done !== runId) {
      reported.current.done = runId;
      recordLatency('done', performance.now() - editAt);
    }
  }, [version, runId, status, editAt, views]);

  const note =
    calls > MAX_CALLS_DRAWN ? `lines for ${MAX_CALLS_DRAWN} of ${calls} calls` : undefined;
  return (
    <section
      ref={wrapRef}
      className="charts"
      aria-label="Live charts"
      data-run={runId}
      data-status={status}
    >
      {calls > 0 && (
        <label className="band-toggle">
          <input
            type="checkbox"
            data-testid="band-toggle"
            checked={bands}
            onChange={(e) => setBandChoice(e.target.checked)}
          />
          Percentile bands across streams ({bandChoice === null ? 'automatic: ' : ''}
          {bandChoice === null ? `on above ${BAND_THRESHOLD} streams` : 'chosen'}; off: lines for
          the first {MAX_CALLS_DRAWN} calls)
        </label>
      )}
      {calls > 0 && bands ? (
        <>
          <BandCharts
            views={views}
            version={version}
            calls={calls}
            baseViews={baseViews}
            width={width}
            px={px}
            t0={start}
            t1={end}
            until={playhead}
          />
          <TimeChart
            title="Packets lost or late, per second"
            unit="packets, all calls"
            {...win}
            height={130}
            series={loss}
            testId="chart-loss"
          />
        </>
      ) : calls > 0 ? (
        <>
          <TimeChart
            title="RFC 3550 interarrival jitter"
            unit="ms"
            {...win}
            height={170}
            series={jitter}
            testId="chart-jitter"
            {...(note ? { note } : {})}
          />
          <TimeChart
            title="Packets lost or late, per second"
            unit="packets, all calls"
            {...win}
            height={130}
            series={loss}
            testId="chart-loss"
          />
          <TimeChart
            title="One-way delay"
            unit="ms"
            {...win}
            height={150}
            series={delay}
            testId="chart-delay"
            {...(note ? { note } : {})}
          />
        </>
      ) : (
        <p className="empty-note">
          No calls in this scenario: set “Concurrent calls” above 0 to see media.
        </p>
      )}
      {hasWorkloads && <WorkloadCharts />}
      {setup && (
        <TimeChart
          title="Call set-up delay"
          unit="ms, per call at the time it was dialled"
          {...win}
          height={130}
          series={setup}
          testId="chart-call-setup"
        />
      )}
      {registerRate > 0 && (
        <TimeChart
          title="SIP REGISTER outcomes, per second"
          unit="transactions"
          {...win}
          height={130}
          series={sip}
          testId="chart-sip"
        />
      )}
    </section>
  );
}
