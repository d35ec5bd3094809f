import { fieldAt } from '../../sim/scenario/scenario';
import { useLab } from '../store/store';

/** Says which values were refused, clamped or adjusted, and that the rest was kept. */
export function Notices() {
  const notices = useLab((s) => s.notices);
  const source = useLab((s) => s.noticeSource);
  const dismiss = useLab((s) => s.dismissNotices);
  const error = useLab((s) => s.error);
  const refusal = useLab((s) => s.refusal);
  if (notices.length === 0 && !error && !refusal) return null;
  // Warnings alone change nothing: "adjusted" would send the reader looking for a changed value.
  const changed = notices.some((n) => n.action !== 'warning');
  return (
    <div className="notices" role="alert" data-testid="notices">
      {/* First, so it stays in view above a long list (the list scrolls, not the box). */}
      <button type="button" className="notices-dismiss" onClick={dismiss}>
        Dismiss
      </button>
      {/* First: it is the newest news, and it says the notices below are about what is in use. */}
      {refusal && (
        <p className="notices-refusal" data-testid="notice-refusal">
          <strong>{refusal.source}:</strong> {refusal.problem}. The scenario in use is unchanged.
        </p>
      )}
      {notices.length > 0 && (
        <>
          {changed ? (
            <>
              <strong>{source}.</strong> Everything else was kept.
            </>
          ) : (
            <>
              <strong>Kept as set, but worth a look.</strong> Nothing was changed.
            </>
          )}
          <ul>
            {notices.slice(0, 12).map((n, i) => (
              <li key={i}>
                <code>{fieldAt(n.path)?.label ?? (n.path || 'scenario')}</code>: {n.message}
              </li>
            ))}
            {notices.length > 12 && <li>… and {notices.length - 12} more</li>}
          </ul>
        </>
      )}
      {error && <p>The simulation stopped with an error: {error}</p>}
    </div>
  );
}
