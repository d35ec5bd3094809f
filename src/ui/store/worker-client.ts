import * as Comlink from 'comlink';
import type { Scenario } from '../../sim/scenario/scenario';
import type { ChunkMessage, SimApi } from '../../worker/sim-worker';
import { RunViews } from '../views/run-views';
import { rememberPing } from './ping-history';

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
import { useLab, type LabState } from './store';

/**
 * Owns the simulation worker. Every scenario change starts a new run and cancels the one in
 * flight; chunks of an old run are ignored. View updates are coalesced to one per frame.
 */
export function startWorkerClient(): () => void {
  const worker = new Worker(new URL('../../worker/sim-worker.ts', import.meta.url), {
    type: 'module',
  });
  const api = Comlink.wrap<SimApi>(worker);
  let runId = 0;
  let frame = 0;

  const flush = () => {
    frame = 0;
    const st = useLab.getState();
    const views = st.views;
    const follow = !st.playing;
    useLab.setState({
      viewsVersion: st.viewsVersion + 1,
      ...(follow ? { playheadUs: views.simTimeUs } : {}),
    });
  };

  const onChunk = (msg: ChunkMessage) => {
    if (msg.runId !== runId) return;
    const st = useLab.getState();
    st.views.add(msg.batch, msg.simTimeUs);
    useLab.setState({ progress: msg.progress });
    if (!frame) frame = requestAnimationFrame(flush);
  };
  const chunkProxy = Comlink.proxy(onChunk);

  const start = (scenario: Scenario, old?: LabState) => {
    if (old?.status === 'done') rememberPing(schedulerLabel(old.scenario), old.views.ping.rttMs);
    const previous = runId;
    runId++;
    const id = runId;
    if (previous) void api.cancel(previous);
    const durationUs = scenario.durationS * 1e6;
    const st = useLab.getState();
    const view =
      st.viewEndUs > durationUs || st.viewEndUs <= st.viewStartUs
        ? { viewStartUs: 0, viewEndUs: durationUs }
        : {};
    useLab.setState({
      runId: id,
      views: new RunViews(),
      viewsVersion: st.viewsVersion + 1,
      progress: 0,
      status: 'running',
      summary: null,
      traceHash: null,
      error: null,
      ...view,
    });
    api
      .run(scenario, id, chunkProxy)
      .then((out) => {
        if (out.runId !== runId || out.status !== 'done') return;
        if (frame) {
          cancelAnimationFrame(frame);
          flush();
        }
        useLab.setState({
          status: 'done',
          summary: out.summary,
          traceHash: out.traceHash,
          wallMs: out.wallMs,
        });
      })
      .catch((e: unknown) => {
        if (id === runId)
          useLab.setState({ status: 'error', error: e instanceof Error ? e.message : String(e) });
      });
  };

  start(useLab.getState().scenario);
  const unsubscribe = useLab.subscribe((s, prev) => {
    if (s.scenario !== prev.scenario) start(s.scenario, prev);
  });
  return () => {
    unsubscribe();
    worker.terminate();
  };
}
