import { create } from 'zustand';
import { REFUSE_EVENTS } from '../../sim/run-cost';
import { sweepCost, type SweepCost } from '../../sim/sweep/cost';
import { planSweep, sweepBase, type SweepPlan } from '../../sim/sweep/plan';
import type { SweepRow } from '../../sim/sweep/row';
import { checkSweepSpec, type SweepSpec } from '../../sim/sweep/spec';
import { DEFAULT_FORM, formOf, specOf, type SweepForm } from './sweep-form';
import { poolSize, SweepPool } from './sweep-pool';
import { useView } from '../store/view-flags';

export interface SweepState {
  open: boolean;
  form: SweepForm;
  /** The spec of the sweep shown (running or finished). */
  spec: SweepSpec | null;
  /** Its plan (every run's scenario), made once here: the panel opens a point's run from it. */
  plan: SweepPlan | null;
  rows: SweepRow[];
  done: number;
  total: number;
  workers: number;
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  problems: string[];
  wallMs: number;
  setOpen: (open: boolean) => void;
  setForm: (patch: Partial<SweepForm>) => void;
  /** Starts the form's sweep on the scenario `baseHash` (the lab URL's hash). */
  start: (baseHash: string) => void;
  /** Starts a spec as it is (a sweep from a link). */
  startSpec: (spec: unknown) => void;
  cancel: () => void;
}

let pool: SweepPool | null = null;

/** Why a sweep is not run: its estimated events, against the page's budget (docs/runs.md). */
export function overBudget(c: SweepCost): string {
  return `Not run: ${c.runs} runs would simulate about ${Math.round(c.events / 1e6)} M events, over the page’s budget of ${REFUSE_EVENTS / 1e6} M (docs/runs.md). Fewer values or seeds, or a shorter simulated time — or npm run sweep, which has no budget.`;
}

/** The browser's sweeps: form, progress, rows. Its own store, apart from the single run's. */
export const useSweep = create<SweepState>((set, get) => ({
  open: false,
  form: DEFAULT_FORM,
  spec: null,
  plan: null,
  rows: [],
  done: 0,
  total: 0,
  workers: 0,
  status: 'idle',
  problems: [],
  wallMs: 0,
  setOpen: (open) => {
    // Closing the panel takes the sweep out of the link.
    if (!open) useView.setState({ sweep: '' });
    set({ open });
  },
  setForm: (patch) => set({ form: { ...get().form, ...patch } }),
  start: (baseHash) => get().startSpec(specOf(get().form, baseHash)),
  startSpec: (input) => {
    pool?.cancel();
    // The cancelled sweep's completion must not overwrite what this one says (a refusal, an error).
    pool = null;
    const { spec, problems } = checkSweepSpec(input);
    // Priced before it is planned: the planner validates every point (~1.4 ms each), so a sweep
    // far over the budget is refused at once rather than after seconds of planning.
    const found = spec ? sweepBase(spec) : null;
    const cost = spec && found?.base ? sweepCost(found.base, spec.vary, spec.seeds) : null;
    if (cost && cost.events > REFUSE_EVENTS) {
      set({ status: 'error', problems: [overBudget(cost)], open: true });
      return;
    }
    const planned = spec ? planSweep(spec) : { plan: null, problems };
    if (!spec || !planned.plan) {
      set({ status: 'error', problems: planned.problems, open: true });
      return;
    }
    const p = new SweepPool();
    pool = p;
    const workers = Math.min(poolSize(), planned.plan.runs.length);
    const t0 = performance.now();
    set({
      open: true,
      // A sweep from a link shows in the form, so the reader can change it and run it again.
      form: formOf(spec) ?? get().form,
      spec,
      plan: planned.plan,
      rows: [],
      done: 0,
      total: planned.plan.runs.length,
      workers,
      status: 'running',
      problems: [],
      wallMs: 0,
    });
    // The sweep lives in the link: the same spec the CLI's `npm run sweep` reads. Written after
    // the state, so a follower of the link (sweep-link.ts) sees this sweep as the one shown.
    useView.setState({ sweep: JSON.stringify(spec) });
    p.run(spec, workers, (row, done) => {
      if (pool !== p) return;
      set({ rows: [...get().rows, row], done, wallMs: performance.now() - t0 });
    })
      .then((how) => {
        if (pool === p) set({ status: how, wallMs: performance.now() - t0 });
      })
      .catch((e: unknown) => {
        if (pool === p) set({ status: 'error', problems: [(e as Error).message] });
      });
  },
  cancel: () => {
    pool?.cancel();
    if (get().status === 'running') set({ status: 'cancelled' });
  },
}));
