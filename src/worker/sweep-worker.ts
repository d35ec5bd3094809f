import * as Comlink from 'comlink';
import { planSweep, type SweepRun } from '../sim/sweep/plan';
import { runSweepPoint, type SweepRow } from '../sim/sweep/row';

/**
 * One worker of the browser's sweep pool. It plans the sweep itself (deterministic and cheap), so
 * the page sends only run indices; the rows are the same as `npm run sweep` writes.
 */
let runs = new Map<number, SweepRun>();
let metrics: readonly string[] = [];

const api = {
  /** Plans `spec`; returns the number of runs, or throws the spec's problems. */
  load(spec: unknown): number {
    const { plan, problems } = planSweep(spec);
    if (!plan) throw new Error(problems.join('; '));
    runs = new Map(plan.runs.map((r) => [r.index, r]));
    metrics = plan.metrics;
    return plan.runs.length;
  },
  /** Runs one point to the end. */
  run(index: number): SweepRow {
    const r = runs.get(index);
    if (!r) throw new Error(`no run ${index}`);
    return runSweepPoint(r, metrics);
  },
};

export type SweepWorkerApi = typeof api;

Comlink.expose(api);
