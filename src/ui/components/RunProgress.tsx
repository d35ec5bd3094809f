import { useShallow } from 'zustand/react/shallow';
import { REFUSE_EVENTS, describeRunCost } from '../../sim/run-cost';
import { MAX_KEPT_RECORDS } from '../views/run-views';
import { useLab } from '../store/store';

/**
 * Where the run stands: a progress bar with a Cancel button while it computes, the cost warning
 * for a heavy run (or the refusal, naming the fields), what a cancel left, and the note when the
 * page's cap on kept records was reached.
 */
export function RunProgress() {
  const { status, progress, cost, durationS, keptUntilUs, simTimeUs, cancelRun, rerun } = useLab(
    useShallow((s) => ({
      status: s.status,
      progress: s.progress,
      cost: s.cost,
      durationS: s.scenario.durationS,
      keptUntilUs: s.views.keptUntilUs,
      simTimeUs: s.views.simTimeUs,
      cancelRun: s.cancelRun,
      rerun: s.rerun,
      // Re-render as records arrive (the views mutate in place).
      version: s.viewsVersion,
    })),
  );
  const pct = Math.floor(progress * 100);
  const heavy = cost && cost.verdict !== 'ok' ? describeRunCost(cost) : null;
  return (
    <div className="run-progress" data-testid="run-progress">
      {status === 'running' && (
        <div className="run-progress-row">
          <div
            role="progressbar"
            aria-label="Simulation progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct}
            aria-valuetext={`${pct} %, ${((progress * durationS) | 0).toString()} of ${durationS} simulated s`}
            className="run-progress-bar"
          >
            <div className="run-progress-fill" style={{ width: `${pct}%` }} />
          </div>
          <span className="run-progress-text">
            Computing… {pct} % ({(progress * durationS).toFixed(0)} of {durationS} s)
          </span>
          <button type="button" onClick={cancelRun} data-testid="cancel-run">
            Cancel run
          </button>
        </div>
      )}
      {status === 'running' && heavy && (
        <p className="run-note" role="status">
          Heavy run. {heavy} You can cancel it at any time; the results so far stay.
        </p>
      )}
      {status === 'refused' && heavy && (
        <p className="run-note run-refused" role="alert">
          Not run: over the page’s budget of {REFUSE_EVENTS / 1e6} M events. {heavy} Lower those
          fields to run it.
        </p>
      )}
      {status === 'cancelled' && (
        <p className="run-note" role="status">
          Run cancelled at {(simTimeUs / 1e6).toFixed(1)} of {durationS} simulated s: the results so
          far are shown, without the summary.{' '}
          <button type="button" onClick={rerun}>
            Run again
          </button>
        </p>
      )}
      {keptUntilUs !== null && (
        <p className="run-note" role="status" data-testid="cap-note">
          Detail kept for the first {(keptUntilUs / 1e6).toFixed(1)} s: the page keeps at most{' '}
          {MAX_KEPT_RECORDS / 1e6} M trace records. Zoomed-out timelines, the per-second charts and
          the summary cover the whole run.
        </p>
      )}
    </div>
  );
}
