import * as Comlink from 'comlink';
import { estimateRunCost } from '../../sim/run-cost';
import type { Scenario } from '../../sim/scenario/scenario';
import type { ChunkMessage, SimApi } from '../../worker/sim-worker';
import { RunViews } from '../views/run-views';
import { recordCancel } from '../perf';
import { FoldQueue } from './fold-queue';
import { OutcomeGate } from './outcome-gate';
import { rememberPing } from './ping-history';
import { useLab, type LabState } from './store';

/** How a run is named in the RTT comparison: scheduler and which VMs are LSVMs. */
export function schedulerLabel(s: Scenario): string {
  if (s.host.scheduler === 'rtds')
    return `RTDS, ${s.host.rtdsBudgetMs}/${s.host.rtdsPeriodMs} ms${s.host.rtdsExtratime ? ' + extra' : ''}`;
  if (s.host.scheduler !== 'vslicer') return `credit, ${s.host.sliceMs} ms slices`;
  const ls = Object.entries(s.vms)
    .filter(([, v]) => v.lsvm)
    .map(([k]) => k);
  return `vSlicer, LSVM ${ls.join(' ') || 'none'}, T_m ${s.host.microSliceMs} ms`;
}
/**
 * While a run computes, views are redrawn at most this often (ms). Each redraw costs the main
 * thread a frame whatever arrived; 5 per second keeps progress visibly moving while leaving the
 * main thread (and, on a 2-core machine, the worker's core) mostly free. The first records and
 * the finished run are drawn at once.
 */
const REDRAW_EVERY_MS = 200;

/**
 * Owns the simulation worker. Every scenario change starts a new run and cancels the one in
 * flight; chunks of an old run are ignored. View updates are coalesced to one per frame, and to
 * one per REDRAW_EVERY_MS while the run computes.
 */
export function startWorkerClient(): () => void {
  const worker = new Worker(new URL('../../worker/sim-worker.ts', import.meta.url), {
    type: 'module',
  });
  const api = Comlink.wrap<SimApi>(worker);
  let runId = 0;
  let frame = 0;
  let timer = 0;
  let lastFlush = 0;
  let progress = 0;
  let cancelAt = 0;
  /** The run the user cancelled: its chunks still in flight are dropped, so the page stops at once. */
  let stopped = 0;
  /** The outcome waits for the chunks still on their way (outcome-gate.ts). */
  const gate = new OutcomeGate();

  const flush = () => {
    frame = 0;
    timer = 0;
    lastFlush = performance.now();
    const st = useLab.getState();
    const views = st.views;
    const follow = !st.playing;
    useLab.setState({
      viewsVersion: st.viewsVersion + 1,
      progress,
      ...(follow ? { playheadUs: views.simTimeUs } : {}),
    });
  };
  const flushNow = () => {
    if (frame) cancelAnimationFrame(frame);
    if (timer) clearTimeout(timer);
    flush();
  };

  /** Whether the current run's first records have been drawn (they are drawn at once). */
  let drewFirst = false;
  // A chunk is folded in parts, a frame's worth at a time (fold-queue.ts); what follows a chunk
  // (progress, the held outcome, the redraw) happens once its last part is folded.
  const folds = new FoldQueue<ChunkMessage>((msg, part, last) => {
    if (msg.runId !== runId || stopped === runId) return;
    const views = useLab.getState().views;
    views.add(part, last ? msg.simTimeUs : views.simTimeUs);
    if (!last) return;
    progress = msg.progress;
    const first = !drewFirst && views.records > 0;
    if (first) drewFirst = true;
    // The last chunk of a run whose outcome came first: the outcome is applied (and drawn) now.
    if (gate.chunk()) return;
    if (frame || timer) return;
    const wait = first ? 0 : lastFlush + REDRAW_EVERY_MS - performance.now();
    if (wait <= 0) frame = requestAnimationFrame(flush);
    else
      timer = window.setTimeout(() => {
        timer = 0;
        frame = requestAnimationFrame(flush);
      }, wait);
  });

  const onChunk = (msg: ChunkMessage) => {
    // Chunks come through the callback's own port, the outcome through the worker's: either may
    // arrive first, so a cancelled run's late chunks are dropped here.
    if (msg.runId !== runId || stopped === runId) return;
    folds.push(msg);
  };
  const chunkProxy = Comlink.proxy(onChunk);

  const start = (scenario: Scenario, old?: LabState) => {
    if (old?.status === 'done') rememberPing(schedulerLabel(old.scenario), old.views.ping.rttMs);
    const previous = runId;
    runId++;
    const id = runId;
    if (previous) void api.cancel(previous);
    if (frame) cancelAnimationFrame(frame);
    if (timer) clearTimeout(timer);
    frame = timer = 0;
    progress = 0;
    gate.reset();
    folds.clear();
    drewFirst = false;
    const durationUs = scenario.durationS * 1e6;
    const st = useLab.getState();
    const view =
      st.viewEndUs > durationUs || st.viewEndUs <= st.viewStartUs
        ? { viewStartUs: 0, viewEndUs: durationUs }
        : {};
    const cost = estimateRunCost(scenario);
    useLab.setState({
      runId: id,
      views: new RunViews(),
      viewsVersion: st.viewsVersion + 1,
      progress: 0,
      status: cost.verdict === 'refuse' ? 'refused' : 'running',
      cost,
      summary: null,
      traceHash: null,
      error: null,
      ...view,
    });
    // Over the refusal budget nothing is started: the page says which fields to lower.
    if (cost.verdict === 'refuse') return;
    api
      .run(scenario, id, chunkProxy)
      .then((out) => {
        if (out.runId !== runId) return;
        if (out.status === 'cancelled') {
          flushNow();
          recordCancel(performance.now() - cancelAt);
          useLab.setState({ status: 'cancelled' });
          return;
        }
        // Done once the last chunk is folded too (it may arrive after the outcome).
        gate.outcome(out.chunks, () => {
          if (out.runId !== runId) return;
          flushNow();
          useLab.setState({
            status: 'done',
            summary: out.summary,
            traceHash: out.traceHash,
            wallMs: out.wallMs,
          });
        });
      })
      .catch((e: unknown) => {
        if (id === runId)
          useLab.setState({ status: 'error', error: e instanceof Error ? e.message : String(e) });
      });
  };

  useLab.setState({
    cancelRun: () => {
      if (useLab.getState().status !== 'running') return;
      cancelAt = performance.now();
      stopped = runId;
      void api.cancel(runId);
    },
    rerun: () => start(useLab.getState().scenario),
  });
  start(useLab.getState().scenario);
  const unsubscribe = useLab.subscribe((s, prev) => {
    if (s.scenario !== prev.scenario) start(s.scenario, prev);
  });
  return () => {
    unsubscribe();
    worker.terminate();
  };
}
