import { runToEnd } from '../run';
import { measure } from './metrics';
import type { SweepRun } from './plan';
import { SWEEP_VERSION, type Scalar } from './spec';

/** One line of a sweep's JSON Lines output; keys are public (docs/sweep.md). */
export interface SweepRow {
  readonly sweepVersion: typeof SWEEP_VERSION;
  readonly index: number;
  readonly point: readonly number[];
  readonly params: Readonly<Record<string, Scalar>>;
  readonly seed: number;
  readonly metrics: Readonly<Record<string, number | null>>;
  readonly traceHash: string;
  readonly events: number;
}

/** Runs one point of a sweep to the end and measures it. Deterministic: same run ⇒ same row. */
export function runSweepPoint(run: SweepRun, metrics: readonly string[]): SweepRow {
  const r = runToEnd(run.scenario);
  return {
    sweepVersion: SWEEP_VERSION,
    index: run.index,
    point: run.point,
    params: run.params,
    seed: run.seed,
    metrics: measure(r.summary, metrics),
    traceHash: r.traceHash,
    events: r.summary.events,
  };
}
