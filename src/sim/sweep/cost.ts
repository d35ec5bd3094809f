import { estimateRunCost } from '../run-cost';
import { setPath, type Scenario } from '../scenario/scenario';
import { axisValues, type SweepAxis } from './spec';

/** Most values priced along one axis (20 × 20 points at most with two); more are sampled. */
const PRICED_ONE_AXIS = 400;
const PRICED_PER_AXIS_OF_TWO = 20;

/** A sweep's estimated work: its runs and their simulated events (run-cost.ts, per run). */
export interface SweepCost {
  readonly runs: number;
  readonly events: number;
  /** Whether the events come from a sample of the points (a large sweep). */
  readonly sampled: boolean;
}

/** `m` of `n` value indices, each the middle of its share of the axis (exact for a linear cost). */
function centred(n: number, m: number): number[] {
  return Array.from({ length: m }, (_, k) => Math.floor(((k + 0.5) * n) / m));
}

/**
 * The events a sweep of `vary` × `seeds` over `base` would simulate: each point's run estimated
 * as a single run is (estimateRunCost), seeds costing alike. Without validating each point (the
 * planner does, at about 1.4 ms a point), so a what-if of 10 000 points is priced at once. An axis
 * with more values than are priced is sampled: each priced value stands for its share of the
 * axis, taken at the share's middle — the cost is smooth in a field's value (calls, rates,
 * durations), so the sum comes close.
 */
export function sweepCost(base: Scenario, vary: readonly SweepAxis[], seeds: number): SweepCost {
  const axes = vary.map((a) => ({ path: a.path, values: axisValues(a) }));
  const most = axes.length > 1 ? PRICED_PER_AXIS_OF_TWO : PRICED_ONE_AXIS;
  const picks = axes.map((a) => {
    const n = a.values.length;
    const idx = n > most ? centred(n, most) : Array.from({ length: n }, (_, k) => k);
    return { path: a.path, values: idx.map((k) => a.values[k]), weight: n / idx.length };
  });
  const [a0, a1] = picks;
  let events = 0;
  for (const v0 of a0?.values ?? []) {
    const s0 = setPath(base, (a0 as (typeof picks)[number]).path, v0);
    if (!a1) events += estimateRunCost(s0).events;
    else for (const v1 of a1.values) events += estimateRunCost(setPath(s0, a1.path, v1)).events;
  }
  const weight = picks.reduce((w, p) => w * p.weight, 1);
  const runs = axes.reduce((n, a) => n * a.values.length, 1) * seeds;
  return { runs, events: events * weight * seeds, sampled: weight > 1 };
}
