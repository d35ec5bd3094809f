import { isLegacyKey } from '../scenario/legacy-keys';
import * as z from 'zod/mini';
import { fieldAt } from '../scenario/scenario';
import { METRIC_IDS } from './metrics';

// zod/mini says only "Invalid input" until a locale is loaded; a spec's problems are read by people
// (the CLI, the sweep panel), so they get zod's English messages.
z.config(z.locales.en());

/**
 * A parameter sweep: one base scenario, one or two fields varied over a list or a range, a number
 * of seeds per point, and the metrics to report. The format is public (docs/sweep.md): the CLI's
 * `npm run sweep` and the lab's sweep panel read the same spec, so a sweep in a link and a sweep
 * on a batch system give the same rows.
 */
export const SWEEP_VERSION = 1;

/** Most points (values × values × seeds) one sweep may ask for: a sweep is a what-if, not a census. */
export const MAX_SWEEP_RUNS = 10_000;
/** Most values of one varied field, and most seeds per point. */
export const MAX_VALUES = 200;
export const MAX_SEEDS = 100;

// zod 4 numbers refuse NaN and ±Infinity.
const scalar = z.union([z.number(), z.string(), z.boolean()]);

const axis = z.strictObject({
  path: z.string().check(z.minLength(1)),
  /** An explicit list of values. */
  values: z.optional(z.array(scalar).check(z.minLength(1), z.maxLength(MAX_VALUES))),
  /** Or a range: `steps` values from `from` to `to`, both included (linear, or log for "scale": "log"). */
  from: z.optional(z.number()),
  to: z.optional(z.number()),
  steps: z.optional(z.int().check(z.gte(2), z.lte(MAX_VALUES))),
  scale: z.optional(z.enum(['linear', 'log'])),
});

export const sweepSpecSchema = z.strictObject({
  sweepVersion: z.literal(SWEEP_VERSION),
  /** A preset id or a lab URL (its `#…` part is read); the lab uses the scenario on screen. */
  scenario: z.string().check(z.minLength(1)),
  /** Fixed `path: value` changes applied to the base before each point. */
  set: z.optional(z.record(z.string(), scalar)),
  vary: z.array(axis).check(z.minLength(1), z.maxLength(2)),
  /** Seeds per point: the base seed, base + 1, … */
  seeds: z._default(z.int().check(z.gte(1), z.lte(MAX_SEEDS)), 1),
  /** Metric ids (metrics.ts); all of them when left out. */
  metrics: z.optional(z.array(z.enum(METRIC_IDS as [string, ...string[]])).check(z.minLength(1))),
});

export type SweepSpec = z.infer<typeof sweepSpecSchema>;
export type SweepAxis = z.infer<typeof axis>;
export type Scalar = z.infer<typeof scalar>;

/** The values an axis takes, in order. Integer fields round a range's values and drop repeats. */
export function axisValues(a: SweepAxis): Scalar[] {
  if (a.values) return a.values;
  const { from, to, steps } = a;
  if (from === undefined || to === undefined || steps === undefined) return [];
  const f = fieldAt(a.path);
  const log = a.scale === 'log';
  const out: number[] = [];
  for (let i = 0; i < steps; i++) {
    const u = i / (steps - 1);
    let v = log ? from * Math.pow(to / from, u) : from + (to - from) * u;
    // Whole numbers of the field's step, so a value is what the panel and the URL would hold.
    if (f && f.kind !== 'enum' && f.kind !== 'bool') {
      const step = f.kind === 'int' ? Math.max(1, f.step) : f.step;
      v = Math.round(v / step) * step;
      v = Number(v.toFixed(10));
    }
    if (!out.includes(v)) out.push(v);
  }
  return out;
}

/** A spec's problems in words (each names the part of the spec), or none. */
export function checkSweepSpec(input: unknown): { spec: SweepSpec | null; problems: string[] } {
  const r = sweepSpecSchema.safeParse(input);
  if (!r.success)
    return {
      spec: null,
      problems: r.error.issues.map((i) => `${i.path.join('.') || '(spec)'}: ${i.message}`),
    };
  const spec = r.data;
  const problems: string[] = [];
  spec.vary.forEach((a, k) => {
    const f = fieldAt(a.path);
    if (!f) problems.push(`vary.${k}.path: unknown field ${a.path} (see docs/scenario.md)`);
    // Each point runs seeds seed, seed + 1, …: a seed axis would be overwritten by them.
    if (a.path === 'seed')
      problems.push(
        `vary.${k}.path: the seed is not an axis; "seeds" runs each point with that many`,
      );
    const range = a.from !== undefined || a.to !== undefined || a.steps !== undefined;
    if (a.values && range)
      problems.push(`vary.${k}: give either values or from/to/steps, not both`);
    if (!a.values && !(a.from !== undefined && a.to !== undefined && a.steps !== undefined))
      problems.push(`vary.${k}: give values, or from, to and steps`);
    if (range && f && (f.kind === 'enum' || f.kind === 'bool'))
      problems.push(`vary.${k}: ${a.path} is a choice; list its values instead of a range`);
    if (a.scale === 'log' && ((a.from ?? 0) <= 0 || (a.to ?? 0) <= 0))
      problems.push(`vary.${k}: a log range needs from and to above 0`);
  });
  if (spec.vary.length === 2 && spec.vary[0]?.path === spec.vary[1]?.path)
    problems.push('vary: the two axes vary the same field');
  for (const p of Object.keys(spec.set ?? {}))
    if (!fieldAt(p) && !isLegacyKey(p))
      problems.push(`set.${p}: unknown field (see docs/scenario.md)`);
  const runs = spec.vary.reduce((n, a) => n * Math.max(1, axisValues(a).length), 1) * spec.seeds;
  if (runs > MAX_SWEEP_RUNS)
    problems.push(
      `the sweep asks for ${runs} runs; at most ${MAX_SWEEP_RUNS} (fewer values or seeds)`,
    );
  return { spec: problems.length ? null : spec, problems };
}
