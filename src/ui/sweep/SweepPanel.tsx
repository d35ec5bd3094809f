import { useCallback, useMemo } from 'react';
import { encodeScenarioHash } from '../../sim/scenario/url-codec';
import { fieldAt } from '../../sim/scenario/scenario';
import { aggregate } from '../../sim/sweep/aggregate';
import { metricOf } from '../../sim/sweep/metrics';
import { axisValues, MAX_SEEDS, type Scalar } from '../../sim/sweep/spec';
import { useLab } from '../store/store';
import { useWidth } from '../timeline/use-width';
import { SweepHeatMap, SweepLineChart } from './SweepChart';
import { AxisEditor, problemOf } from './SweepAxisEditor';
import { metricsIn, type SweepForm } from './sweep-form';
import { checkForm, formBase, type FormCheck } from './sweep-check';
import { shownMetric } from './sweep-metric';
import { sweepCost, type SweepCost } from '../../sim/sweep/cost';
import { ASSUMED_EVENTS_PER_S, REFUSE_EVENTS, WARN_EVENTS } from '../../sim/run-cost';
import { poolSize } from './sweep-pool';
import { overBudget } from './sweep-store';
import { useSweep } from './sweep-store';
import { focusAfterClose, useSweepWanted } from './sweep-wanted';
import { figure } from '../components/figure';

const label = (path: string): string => {
  const f = fieldAt(path);
  if (!f) return path;
  return f.kind === 'number' || f.kind === 'int'
    ? `${f.label}${f.unit ? ` (${f.unit})` : ''}`
    : f.label;
};

/** Sweeps in the browser: one or two parameters, seeds, a metric; points fan out over a worker pool. */
export function SweepPanel() {
  const [wrap, width] = useWidth<HTMLDivElement>();
  // Opened by the reader at the foot of a long page, by a button that is then gone: the panel
  // comes into view and the keyboard's focus goes to its heading (not on a remount or a link).
  const opened = useCallback((section: HTMLElement | null) => {
    if (!section || !useSweepWanted.getState().takeReveal()) return;
    section.scrollIntoView({ block: 'start' });
    section.querySelector<HTMLElement>('h2')?.focus({ preventScroll: true });
  }, []);
  const st = useSweep();
  const scenario = useLab((s) => s.scenario);
  const { form } = st;
  const screenHash = useMemo(() => encodeScenarioHash(scenario), [scenario]);
  // The scenario swept over: the one on screen, or a link's base, with a link's fixed settings.
  const base = useMemo(() => formBase(form, scenario, screenHash), [form, scenario, screenHash]);
  const check = useMemo(() => checkForm(form, form.base || screenHash), [form, screenHash]);
  // The cost of the sweep the form describes, as it is edited (sim/sweep/cost.ts). Only a form
  // that passes its checks is priced: a typed steps of 2 × 10⁷ would hang the page.
  const preview = useMemo(
    () =>
      check.spec && base.base ? sweepCost(base.base, check.spec.vary, check.spec.seeds) : null,
    [check, base],
  );
  const plan = st.plan;
  // The chart re-draws the form's metric from the rows when the runs measured it (sweep-metric.ts).
  const metric = shownMetric(st.spec, st.measured, form.metric);
  const stats = useMemo(() => aggregate(st.rows, metric), [st.rows, metric]);
  // Points whose runs have all finished without a value of the metric.
  const missing = st.status === 'running' ? 0 : stats.filter((p) => p.mean === null).length;
  const m = metricOf(metric);
  const swept = base.base ?? scenario;
  const offered = metricsIn(swept, [form.axis1.path, form.axis2.path], form.metric);
  const yLabel = `${m?.label ?? metric}${m?.unit ? ` (${m.unit})` : ''}`;
  const seeds = problemOf(check.errors, 'seeds');
  const ready = check.spec !== null && base.base !== null;
  const open = (point: readonly number[]) => {
    const run = plan?.runs.find((r) => r.point.join(',') === point.join(','));
    if (run)
      useLab
        .getState()
        .replaceScenario(
          run.scenario,
          [],
          `Opened from the sweep: ${JSON.stringify(run.params)}, seed ${run.seed}`,
        );
  };
  if (!st.open)
    return (
      <section className="sweep sweep-closed">
        <button
          type="button"
          ref={focusAfterClose}
          onClick={() => {
            useSweepWanted.getState().open();
            st.setOpen(true);
          }}
          data-testid="sweep-open"
        >
          Sweep a parameter…
        </button>
      </section>
    );
  const running = st.status === 'running';
  const axes = st.spec?.vary ?? [];
  const xv = axes[0] ? axisValues(axes[0]) : [];
  const yv = axes[1] ? axisValues(axes[1]) : [];
  return (
    <section
      ref={opened}
      className="sweep"
      aria-label="Parameter sweep"
      data-testid="sweep"
      data-status={st.status}
    >
      <h2 tabIndex={-1}>Parameter sweep</h2>
      <p className="sweep-intro">
        Runs the scenario on screen once per value (and seed), on {st.workers || 'all'} workers, and
        plots a metric against the parameter. Click a point to open that run.
      </p>
      <form
        className="sweep-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) st.start(screenHash);
        }}
        // The form's own messages say what each box takes; the browser's bubbles would repeat them.
        noValidate
      >
        <AxisEditor
          n={1}
          axis={form.axis1}
          other={form.axis2.path}
          optional={false}
          scenario={swept}
          errors={check.errors}
        />
        <AxisEditor
          n={2}
          axis={form.axis2}
          other={form.axis1.path}
          optional
          scenario={swept}
          errors={check.errors}
        />
        <FixedSettings form={form} />
        <label>
          Seeds per point{' '}
          <input
            type="number"
            min={1}
            max={MAX_SEEDS}
            step={1}
            value={form.seeds}
            onChange={(e) => st.setForm({ seeds: e.target.value })}
            {...seeds.attrs}
          />
        </label>
        {seeds.note}
        <label>
          Metric{' '}
          <select
            id="sweep-metric"
            value={form.metric}
            onChange={(e) => st.setForm({ metric: e.target.value })}
          >
            {offered
              .filter((mm) => mm.slot === undefined)
              .map((mm) => (
                <option key={mm.id} value={mm.id}>
                  {mm.label}
                </option>
              ))}
            {offered.some((mm) => mm.slot !== undefined) && (
              <optgroup label="Workloads">
                {offered
                  .filter((mm) => mm.slot !== undefined)
                  .map((mm) => (
                    <option key={mm.id} value={mm.id}>
                      {mm.label}
                    </option>
                  ))}
              </optgroup>
            )}
          </select>
        </label>
        {ready ? (
          preview && <SweepCostLine cost={preview} />
        ) : (
          <NotReady check={check} problems={base.problems} />
        )}
        <div className="sweep-actions">
          <button
            type="submit"
            disabled={running || !ready || (preview !== null && preview.events > REFUSE_EVENTS)}
            aria-describedby="sweep-cost"
            data-testid="sweep-run"
          >
            Run sweep
          </button>
          <button type="button" onClick={st.cancel} disabled={!running} data-testid="sweep-cancel">
            Cancel
          </button>
          <button
            type="button"
            onClick={() => {
              // The keyboard's focus goes back to the button that opened the panel, not the page.
              useSweepWanted.getState().closed();
              st.setOpen(false);
            }}
          >
            Close
          </button>
        </div>
      </form>
      {st.problems.length > 0 && (
        <ul className="run-warnings" role="alert">
          {st.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {st.total > 0 && (
        <div className="sweep-progress">
          <progress max={st.total} value={st.done} aria-label="Sweep progress" />
          <span data-testid="sweep-progress-text">
            {st.done}/{st.total} runs · {(st.wallMs / 1000).toFixed(1)} s
            {st.status === 'cancelled' ? ' · cancelled' : st.status === 'done' ? ' · done' : ''}
          </span>
        </div>
      )}
      {metric !== form.metric && stats.length > 0 && (
        <p className="sweep-note" data-testid="sweep-stale">
          Showing {m?.label ?? metric} from the last run: its runs did not measure{' '}
          {metricOf(form.metric)?.label ?? form.metric}. Run the sweep again to chart it.
        </p>
      )}
      <div ref={wrap} className="sweep-plot">
        {stats.length > missing && axes.length === 1 && axes[0] && (
          <SweepLineChart
            width={width}
            stats={stats}
            xLabel={label(axes[0].path)}
            yLabel={yLabel}
            xValues={xv}
            onOpen={open}
          />
        )}
        {stats.length > missing && axes.length === 2 && axes[0] && axes[1] && (
          <>
            <SweepHeatMap
              width={width}
              stats={stats}
              xLabel={label(axes[0].path)}
              yLabel={label(axes[1].path)}
              metricLabel={yLabel}
              xValues={xv}
              yValues={yv}
              onOpen={open}
            />
            <p className="sweep-note">
              Colour: the mean of {yLabel} over seeds, dark blue (lowest) to yellow (highest).
            </p>
          </>
        )}
        {stats.length > missing && axes.length === 1 && (
          <p className="sweep-note">
            Line: the mean over {st.spec?.seeds ?? 1} seed(s); band: their min–max spread.
          </p>
        )}
        {missing > 0 && (
          <p className="sweep-note" data-testid="sweep-missing">
            {missing === stats.length
              ? `No run measured ${m?.label ?? metric}: it does not apply to this scenario (a workload metric of another kind of workload, a probe that is off) or no run reached it.`
              : `${missing} of ${stats.length} points have no value (${axes.length === 2 ? 'grey cells' : 'a gap in the line'}): ${m?.label ?? metric} does not apply to those runs or they did not reach it (a transfer that did not finish).`}
          </p>
        )}
      </div>
    </section>
  );
}

/** What the sweep would cost: runs, simulated events and the time on the page's workers. */
function SweepCostLine({ cost }: { cost: SweepCost }) {
  if (!Number.isFinite(cost.events) || cost.runs <= 0) return null;
  if (cost.events > REFUSE_EVENTS)
    return (
      <p id="sweep-cost" className="sweep-cost run-refused" role="status" data-testid="sweep-cost">
        {overBudget(cost)}
      </p>
    );
  const workers = Math.min(poolSize(), cost.runs);
  const seconds = cost.events / ASSUMED_EVENTS_PER_S / workers;
  return (
    <p
      className={`sweep-cost${cost.events > WARN_EVENTS ? ' run-note' : ''}`}
      data-testid="sweep-cost"
    >
      {cost.runs} runs · about {figure(cost.events / 1e6)} M events · about{' '}
      {seconds < 60 ? `${Math.max(1, Math.round(seconds))} s` : `${Math.round(seconds / 60)} min`}{' '}
      on {workers} worker{workers > 1 ? 's' : ''}
      {cost.events > WARN_EVENTS ? ' — a heavy sweep; Cancel stops it at once.' : ''}
    </p>
  );
}

/** Why Run is off: the boxes marked beside them, and what is wrong with the sweep as a whole. */
function NotReady({ check, problems }: { check: FormCheck; problems: readonly string[] }) {
  const boxes = Object.keys(check.errors).length;
  return (
    <p id="sweep-cost" className="sweep-cost run-refused" role="status" data-testid="sweep-cost">
      Not ready to run:{' '}
      {[
        boxes === 0
          ? ''
          : `${boxes === 1 ? 'a box needs' : `${boxes} boxes need`} a fix (said beside it).`,
        ...problems,
        ...check.problems,
      ]
        .filter((t) => t !== '')
        .join(' ')}
    </p>
  );
}

/** A fixed setting's value in words: a switch is on or off, a number has its unit. */
function valueText(path: string, v: Scalar): string {
  const f = fieldAt(path);
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  return f && (f.kind === 'number' || f.kind === 'int') && f.unit ? `${v} ${f.unit}` : String(v);
}

/**
 * What a link's sweep fixes beyond its axes: its base scenario, when not the one on screen, and
 * its `set` fields. Shown so the form is the sweep the chart shows; each can be dropped.
 */
function FixedSettings({ form }: { form: SweepForm }) {
  const setForm = useSweep((s) => s.setForm);
  const entries = Object.entries(form.set);
  if (!form.base && entries.length === 0) return null;
  return (
    <fieldset className="sweep-axis" data-testid="sweep-fixed">
      <legend>Fixed for every run (from the link)</legend>
      {form.base && (
        <span>
          Base scenario: the link’s, <code>{form.base}</code>, not the one on screen.{' '}
          <button type="button" onClick={() => setForm({ base: '' })}>
            Use the one on screen
          </button>
        </span>
      )}
      {entries.map(([path, v]) => {
        const name = fieldAt(path)?.label ?? path;
        return (
          <span key={path} data-testid="sweep-fixed-setting">
            {name} = {valueText(path, v)}{' '}
            <button
              type="button"
              aria-label={`Remove ${name} = ${valueText(path, v)}`}
              onClick={() =>
                setForm({ set: Object.fromEntries(entries.filter(([p]) => p !== path)) })
              }
            >
              Remove
            </button>
          </span>
        );
      })}
    </fieldset>
  );
}
