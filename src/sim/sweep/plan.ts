import { currentKeys } from '../scenario/legacy-keys';
import { loadScenario } from '../scenario/load';
import { fieldAt, setPath, type Scenario } from '../scenario/scenario';
import { validateScenario } from '../scenario/validate';
import { metricsFor } from './metrics';
import { activeWorkloads, type WorkloadKind } from '../workloads/slots';
import { axisValues, checkSweepSpec, type Scalar, type SweepSpec } from './spec';

/** The seed field's largest value (a 31-bit integer). */
const MAX_SEED = (() => {
  const f = fieldAt('seed');
  return f && f.kind === 'int' ? f.max : 2 ** 31 - 1;
})();

/** One run of a sweep: which values, which seed; `index` orders the rows and picks shards. */
export interface SweepRun {
  readonly index: number;
  /** Value index along each axis. */
  readonly point: readonly number[];
  readonly params: Readonly<Record<string, Scalar>>;
  readonly seed: number;
  readonly scenario: Scenario;
}

/** A checked sweep: its axes' values, the metrics, and every run's scenario. */
export interface SweepPlan {
  readonly spec: SweepSpec;
  readonly axes: readonly { readonly path: string; readonly values: readonly Scalar[] }[];
  readonly metrics: readonly string[];
  readonly runs: readonly SweepRun[];
}

/**
 * Expands a spec into its runs, each scenario validated. A value the scenario would refuse or clamp
 * refuses the sweep, naming the field and the value: a sweep point must be the value it says.
 */
export function planSweep(input: unknown): { plan: SweepPlan | null; problems: string[] } {
  const { spec, problems } = checkSweepSpec(input);
  if (!spec) return { plan: null, problems };
  const refuse = (msg: string) => ({ plan: null, problems: [msg] });
  const found = sweepBase(spec);
  if (!found.base) return { plan: null, problems: found.problems };
  const base = found.base;
  const axes = spec.vary.map((a) => ({ path: a.path, values: axisValues(a) }));
  const [ax0, ax1] = axes;
  const n1 = ax1 ? ax1.values.length : 1;
  const runs: SweepRun[] = [];
  const baseSeed = base.seed;
  if (baseSeed + spec.seeds - 1 > MAX_SEED)
    return refuse(
      `seeds: the scenario's seed ${baseSeed} + ${spec.seeds} seeds passes ${MAX_SEED}`,
    );
  for (let i0 = 0; i0 < (ax0?.values.length ?? 0); i0++)
    for (let i1 = 0; i1 < n1; i1++) {
      const params: Record<string, Scalar> = {};
      let s = base;
      const point = ax1 ? [i0, i1] : [i0];
      point.forEach((vi, k) => {
        const ax = axes[k] as (typeof axes)[number];
        const v = ax.values[vi] as Scalar;
        params[ax.path] = v;
        s = setPath(s, ax.path, v);
      });
      // Validated once per point (~1.4 ms each, on the page's main thread): the seeds differ in
      // the seed alone, which no other field's check reads.
      const r = validateScenario(s);
      const bad = r.issues.filter((i) => i.action !== 'warning');
      if (bad.length)
        return refuse(
          `point ${JSON.stringify(params)}: ${bad.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
        );
      for (let k = 0; k < spec.seeds; k++)
        runs.push({
          index: (i0 * n1 + i1) * spec.seeds + k,
          point,
          params,
          seed: baseSeed + k,
          scenario: k === 0 ? r.scenario : setPath(r.scenario, 'seed', baseSeed + k),
        });
    }
  // The workload kinds each slot has in some run: their metrics are the ones that can have values.
  const inUse = new Map<number, Set<WorkloadKind>>();
  for (const r of runs)
    for (const { slot, w } of activeWorkloads(r.scenario.workloads)) {
      let kinds = inUse.get(slot);
      if (!kinds) inUse.set(slot, (kinds = new Set()));
      kinds.add(w.kind);
    }
  return {
    plan: { spec, axes, metrics: spec.metrics ?? metricsFor(inUse).map((m) => m.id), runs },
    problems: [],
  };
}

/** The runs of shard `i` of `n` (0-based): every n-th run, so shards are balanced and disjoint. */
export function shardOf<T extends { index: number }>(
  runs: readonly T[],
  i: number,
  n: number,
): T[] {
  return runs.filter((r) => r.index % n === i);
}

/** The scenario a checked spec sweeps over: its preset or link, with its `set` fields applied. */
export function sweepBase(spec: SweepSpec): { base: Scenario | null; problems: string[] } {
  const refuse = (msg: string) => ({ base: null, problems: [msg] });
  if (!spec.scenario.includes('#') && !/^[a-z0-9-]+$/.test(spec.scenario))
    return refuse('scenario: give a preset id or a lab URL (with its #…)');
  let base: Scenario;
  try {
    // A sweep's base is a preset or a link, never a file: the spec must mean the same everywhere.
    const loaded = loadScenario(spec.scenario, {
      exists: () => false,
      read: () => {
        throw new Error('no files');
      },
    });
    const bad = loaded.issues.filter((i) => i.action !== 'warning');
    if (bad.length)
      return refuse(`scenario: ${bad.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    base = loaded.scenario;
  } catch (e) {
    return refuse(`scenario: ${(e as Error).message}`);
  }
  // A version-2 key (ADR 16) is written as the version-3 field(s) it became.
  for (const [p, v] of Object.entries(spec.set ?? {}))
    for (const [q, x] of currentKeys(p, v)) base = setPath(base, q, x);
  return { base, problems: [] };
}
