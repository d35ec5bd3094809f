import type { Scenario } from '../../sim/scenario/scenario';
import type { SweepSpec } from '../../sim/sweep/spec';
import { metricsIn } from './sweep-form';

/**
 * The metrics the page's runs measure for `spec` over `base`: the spec's own, then every other one
 * the panel's Metric list offers for it. A row keeps only numbers, not the run's summary, so a
 * metric not measured now could only be charted by running the sweep again; measuring them all
 * costs next to nothing beside the run, and the reader can switch the chart between them after
 * the run. A spec that names none measures them all already. The spec itself (the link, the CLI)
 * still names only its own.
 */
export function metricsToMeasure(spec: SweepSpec, base: Scenario): string[] | undefined {
  if (!spec.metrics) return undefined;
  const offered = metricsIn(
    base,
    spec.vary.map((a) => a.path),
    spec.metrics[0] ?? '',
  ).map((m) => m.id);
  return [...new Set([...spec.metrics, ...offered])];
}

/**
 * The metric the chart shows: the one the form names when the runs measured it (`measured`),
 * otherwise the one the sweep was run for — the chart then says it is the last run's.
 */
export function shownMetric(
  spec: SweepSpec | null,
  measured: readonly string[],
  wanted: string,
): string {
  if (!spec || measured.includes(wanted)) return wanted;
  return spec.metrics?.[0] ?? wanted;
}

/**
 * The spec with `metric` first, the one a link opens its chart on: switching the chart's metric
 * after a run changes the link to match (the runs' rows stay the same). Null when the spec needs
 * no change (it names no metrics, so it measures them all, or `metric` is first already).
 */
export function withMetricFirst(spec: SweepSpec, metric: string): SweepSpec | null {
  if (!spec.metrics || spec.metrics[0] === metric) return null;
  return { ...spec, metrics: [metric, ...spec.metrics.filter((m) => m !== metric)] };
}
