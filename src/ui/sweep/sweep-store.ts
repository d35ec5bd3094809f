import { create } from 'zustand';
import { REFUSE_EVENTS } from '../../sim/run-cost';
import { sweepCost, type SweepCost } from '../../sim/sweep/cost';
import { planSweep, sweepBase, type SweepPlan } from '../../sim/sweep/plan';
import type { SweepRow } from '../../sim/sweep/row';
import { checkSweepSpec, type SweepSpec } from '../../sim/sweep/spec';
import { encodeScenarioHash } from '../../sim/scenario/url-codec';
import { DEFAULT_FORM, formOf, type SweepForm } from './sweep-form';
import { checkForm } from './sweep-check';
import { metricsToMeasure, withMetricFirst } from './sweep-metric';
import { poolSize, SweepPool } from './sweep-pool';
import { useView } from '../store/view-flags';
import { useLab } from '../store/store';

export interface SweepState {
  open: boolean;
  form: SweepForm;
  /** The spec of the sweep shown (running or finished). */
  spec: SweepSpec | null;
  /** Its plan (every run's scenario), made once here: the panel opens a point's run from it. */
  plan: SweepPlan | null;
  rows: SweepRow[];
  /** The metrics its rows hold (sweep-metric.ts): the chart can show any of them without a new run. */
  measured: readonly string[];
  done: number;
  total: number;
  workers: number;
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  problems: string[];
  wallMs: number;
  setOpen: (open: boolean) => void;
  setForm: (patch: Partial<SweepForm>) => void;
  /** Starts the form's sweep on the scenario `baseHash` (the lab URL's hash), or its link's base. */
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

/** Whether the spec's base (without its fixed settings) is the scenario on screen. */
function onScreen(spec: SweepSpec): boolean {
  const plain = sweepBase({ ...spec, set: {} }).base;
  return (
    plain !== null && encodeScenarioHash(plain) === encodeScenarioHash(useLab.getState().scenario)
  );
}

/** The browser's sweeps: form, progress, rows. Its own store, apart from the single run's. */
export const useSweep = create<SweepState>((set, get) => ({
  open: false,
  form: DEFAULT_FORM,
  spec: null,
  plan: null,
  rows: [],
  measured: [],
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
  setForm: (patch) => {
    const form = { ...get().form, ...patch };
    const { spec, measured } = get();
    // A metric the runs measured: the chart re-draws it, and the link says so (sweep-link.ts sees
    // the spec it holds as the one shown, so it does not run the sweep again).
    const next =
      patch.metric && spec && measured.includes(patch.metric)
        ? withMetricFirst(spec, patch.metric)
        : null;
    set(next ? { form, spec: next } : { form });
    if (next) useView.setState({ sweep: JSON.stringify(next) });
  },
  start: (baseHash) => {
    const { form } = get();
    const { spec, errors, problems } = checkForm(form, form.base || baseHash);
    // The panel's Run is off while the form is wrong; this says why if it is started anyway.
    if (!spec) set({ status: 'error', problems: [...Object.values(errors), ...problems] });
    else get().startSpec(spec);
  },
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
    const measure = spec && found?.base ? metricsToMeasure(spec, found.base) : undefined;
    // The runs measure more than the spec names (the chart can switch metric without a new run);
    // the spec shown and written into the link stays as it was given.
    const runSpec = spec && measure ? { ...spec, metrics: measure } : spec;
    const planned = runSpec ? planSweep(runSpec) : { plan: null, problems };
    if (!spec || !runSpec || !planned.plan) {
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
      form: formOf(spec, { metric: get().form.metric, onScreen: onScreen(spec) }),
      spec,
      plan: planned.plan,
      rows: [],
      measured: planned.plan.metrics,
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
    p.run(runSpec, workers, (row, done) => {
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
