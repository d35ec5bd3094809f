import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../store/store';

/** Seconds of run shown around a line's moment when it is clicked. */
const AROUND_US = 2_000_000;

/**
 * What happened in this run, in words, each line at its simulated time; a line is a button that
 * moves the playhead there and zooms the timeline to the seconds around it.
 */
export function StoryLog() {
  const { views, version, durationS } = useLab(
    useShallow((s) => ({
      views: s.views,
      version: s.viewsVersion,
      durationS: s.scenario.durationS,
    })),
  );
  const lines = views.story.story();
  if (lines.length === 0) return null;
  const go = (t: number) => {
    const st = useLab.getState();
    st.setPlaying(false);
    st.setView(Math.max(0, t - AROUND_US), Math.min(durationS * 1e6, t + AROUND_US));
    st.setPlayhead(t);
  };
  return (
    <details className="story" open data-testid="story" data-version={version}>
      <summary>What happened ({lines.length})</summary>
      <ol>
        {lines.map((l) => (
          <li key={l.text} className={l.tone === 'problem' ? 'story-problem' : undefined}>
            <button type="button" className="story-line" onClick={() => go(l.tUs)}>
              {l.text}
            </button>
          </li>
        ))}
      </ol>
    </details>
  );
}
