import * as Comlink from 'comlink';
import { create } from 'zustand';
import type { RunSummary } from '../../sim/results/summary';
import type { Scenario } from '../../sim/scenario/scenario';
import { decodeScenarioHash, encodeScenarioHash } from '../../sim/scenario/url-codec';
import type { ChunkMessage, SimApi } from '../../worker/sim-worker';
import { useLab } from '../store/store';
import { useView } from '../store/view-flags';
import { RunViews } from '../views/run-views';

export interface BaselineState {
  scenario: Scenario | null;
  summary: RunSummary | null;
  views: RunViews | null;
  status: 'none' | 'running' | 'done' | 'error';
  /** The baseline's own link hash (without '#'), kept in the page's link as `base=`. */
  hash: string;
  /** Bumped as the baseline's views fill (a run from a link streams in). */
  version: number;
  /** Draw the baseline's lanes under the current run's, on the same time axis. */
  showLanes: boolean;
}

/**
 * The pinned baseline run (A/B): its scenario, summary and views, drawn dashed beside the current
 * run and subtracted from the cards. Pinning keeps the current run's results (no re-run); a link
 * with `base=` runs the baseline's scenario in a worker of its own.
 */
export const useBaseline = create<BaselineState>(() => ({
  scenario: null,
  summary: null,
  views: null,
  status: 'none',
  hash: '',
  version: 0,
  showLanes: false,
}));

/** Pins the current run (it must have finished). */
export function pinBaseline(): void {
  const lab = useLab.getState();
  if (!lab.summary || lab.status !== 'done') return;
  const hash = encodeScenarioHash(lab.scenario).slice(1);
  useBaseline.setState({
    scenario: lab.scenario,
    summary: lab.summary,
    views: lab.views,
    status: 'done',
    hash,
    version: useBaseline.getState().version + 1,
  });
  useView.setState({ base: hash });
}

/** Drops the baseline. */
export function clearBaseline(): void {
  useBaseline.setState({ scenario: null, summary: null, views: null, status: 'none', hash: '' });
  useView.setState({ base: '' });
}

/** Runs the baseline named by the link (`base=`), if any. */
export async function loadBaselineFromLink(): Promise<void> {
  const hash = useView.getState().base;
  if (!hash) return;
  const { scenario } = decodeScenarioHash(`#${hash}`);
  const views = new RunViews();
  useBaseline.setState({ scenario, summary: null, views, status: 'running', hash });
  const worker = new Worker(new URL('../../worker/sim-worker.ts', import.meta.url), {
    type: 'module',
  });
  try {
    const api = Comlink.wrap<SimApi>(worker);
    const out = await api.run(
      scenario,
      1,
      Comlink.proxy((c: ChunkMessage) => {
        views.add(c.batch, c.simTimeUs);
        useBaseline.setState({ version: useBaseline.getState().version + 1 });
      }),
    );
    if (out.status === 'done' && useBaseline.getState().views === views)
      useBaseline.setState({ summary: out.summary, status: 'done' });
  } catch {
    useBaseline.setState({ status: 'error' });
  } finally {
    worker.terminate();
  }
}
