import { create } from 'zustand';
import { planSweep } from '../../sim/sweep/plan';
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

/** The browser's sweeps: form, progress, rows. Its own store, apart from the single run's. */
export const useSweep = create<SweepState>((set, get) => ({
  open: false,
  form: DEFAULT_FORM,
  spec: null,
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
    const { spec, problems } = checkSweepSpec(input);
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
