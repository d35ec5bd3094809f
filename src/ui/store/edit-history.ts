import { create } from 'zustand';
import type { Scenario } from '../../sim/scenario/scenario';
import { useLab } from './store';

/** A scenario as the user had it, with the preset it was (if any). */
interface Entry {
  readonly scenario: Scenario;
  readonly presetId: string | null;
}

/** Edits closer together than this are one step (a drag sends an edit per frame). */
const COALESCE_MS = 600;
/** Steps kept; older ones are forgotten. */
const MAX_STEPS = 200;

interface HistoryState {
  past: Entry[];
  future: Entry[];
  /** What Reset returns to: the scenario as the last preset or link loaded it. */
  origin: Entry | null;
}

/**
 * Undo, redo and reset of scenario edits, kept beside the lab's store: it watches the scenario
 * change and records the one before. Restoring is itself not recorded.
 */
export const useHistory = create<HistoryState>(() => ({ past: [], future: [], origin: null }));

let restoring = false;
let lastPushAt = -Infinity;

const entryOf = (s: { scenario: Scenario; presetId: string | null }): Entry => ({
  scenario: s.scenario,
  presetId: s.presetId,
});

/** Starts recording; returns a function that stops it. */
export function startEditHistory(now: () => number = () => performance.now()): () => void {
  useHistory.setState({ past: [], future: [], origin: entryOf(useLab.getState()) });
  return useLab.subscribe((state, prev) => {
    if (state.loads !== prev.loads) useHistory.setState({ origin: entryOf(state) });
    if (state.scenario === prev.scenario || restoring) return;
    const h = useHistory.getState();
    const t = now();
    const load = state.loads !== prev.loads;
    // Edits close together are one step; a load (preset, link) is always a step of its own.
    const merge = !load && t - lastPushAt < COALESCE_MS && h.past.length > 0;
    lastPushAt = load ? -Infinity : t;
    if (merge) {
      useHistory.setState({ future: [] });
      return;
    }
    useHistory.setState({ past: [...h.past, entryOf(prev)].slice(-MAX_STEPS), future: [] });
  });
}

function restore(e: Entry): void {
  restoring = true;
  try {
    useLab.setState({
      scenario: e.scenario,
      presetId: e.presetId,
      notices: [],
      editAt: performance.now(),
    });
  } finally {
    restoring = false;
  }
  lastPushAt = -Infinity;
}

/** Back one step. */
export function undo(): void {
  const h = useHistory.getState();
  const e = h.past[h.past.length - 1];
  if (!e) return;
  const cur = entryOf(useLab.getState());
  useHistory.setState({ past: h.past.slice(0, -1), future: [cur, ...h.future] });
  restore(e);
}

/** Forward one step. */
export function redo(): void {
  const h = useHistory.getState();
  const e = h.future[0];
  if (!e) return;
  const cur = entryOf(useLab.getState());
  useHistory.setState({ past: [...h.past, cur], future: h.future.slice(1) });
  restore(e);
}

/** Back to the scenario as it was loaded (an undoable step). */
export function reset(): void {
  const o = useHistory.getState().origin;
  if (!o || o.scenario === useLab.getState().scenario) return;
  lastPushAt = -Infinity;
  useLab.setState({
    scenario: o.scenario,
    presetId: o.presetId,
    notices: [],
    editAt: performance.now(),
  });
}
