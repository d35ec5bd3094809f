import { useLab } from '../store/store';

/**
 * The finished run's fingerprint: trace hash, events, wall time, seed. Its own component, so a
 * run's start and end (the summary and hash change) re-render this line, not the whole lab: with
 * them read in App, every edit and every finished run re-rendered the parameter panel's seventy
 * controls and every chart.
 */
export function RunFooter() {
  const traceHash = useLab((s) => s.traceHash);
  const summary = useLab((s) => s.summary);
  const wallMs = useLab((s) => s.wallMs);
  return (
    <footer className="run-footer">
      {summary && (
        <>
          Trace <code data-testid="trace-hash">{traceHash}</code> ·{' '}
          {summary.events.toLocaleString()} events · simulated {summary.durationS} s in{' '}
          {Math.round(wallMs)} ms · seed {summary.seed}
        </>
      )}
    </footer>
  );
}
