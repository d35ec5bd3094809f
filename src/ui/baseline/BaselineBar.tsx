import { useLab } from '../store/store';
import { clearBaseline, pinBaseline, useBaseline } from './baseline-store';

/** Pin the current run as the baseline (A), or show and clear the one pinned. */
export function BaselineBar() {
  const status = useLab((s) => s.status);
  const b = useBaseline();
  return (
    <div className="baseline-bar" data-testid="baseline-bar" data-baseline={b.status}>
      <button
        type="button"
        onClick={pinBaseline}
        disabled={status !== 'done'}
        data-testid="pin-baseline"
      >
        {b.status === 'none' ? 'Pin this run as baseline' : 'Pin this run instead'}
      </button>
      {b.status !== 'none' && (
        <>
          <span className="baseline-label">
            Baseline{b.status === 'running' ? ' (computing…)' : ''}: dashed black in the charts, Δ
            on the cards, lanes marked “A ·”
          </span>
          <label>
            <input
              type="checkbox"
              checked={b.showLanes}
              onChange={(e) => useBaseline.setState({ showLanes: e.target.checked })}
              data-testid="baseline-lanes"
            />{' '}
            its lanes under the timeline
          </label>
          <button type="button" onClick={clearBaseline} data-testid="clear-baseline">
            Clear baseline
          </button>
        </>
      )}
    </div>
  );
}
