import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../store/store';

const SPEEDS = [0.1, 0.25, 1, 4, 10, 30] as const;
const STEP_US = 100_000;

/** Play / pause / step / speed over results computed ahead; the playhead only moves a view. */
export function PlaybackBar() {
  const { playing, speed, playhead, simTime, durationS, progress, status } = useLab(
    useShallow((s) => ({
      playing: s.playing,
      speed: s.speed,
      playhead: s.playheadUs,
      simTime: s.views.simTimeUs,
      durationS: s.scenario.durationS,
      progress: s.progress,
      status: s.status,
    })),
  );
  const st = useLab.getState;

  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    let frame = requestAnimationFrame(function tick(now) {
      const s = st();
      const next = s.playheadUs + (now - last) * 1000 * s.speed;
      last = now;
      const end = s.scenario.durationS * 1e6;
      if (next >= end) {
        s.setPlayhead(end);
        s.setPlaying(false);
        return;
      }
      s.setPlayhead(next);
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing, st]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (
        t &&
        (t.tagName === 'INPUT' ||
          t.tagName === 'SELECT' ||
          t.tagName === 'TEXTAREA' ||
          t.getAttribute('role') === 'slider')
      )
        return;
      if (e.key === ' ' && t?.tagName !== 'BUTTON') {
        e.preventDefault();
        st().setPlaying(!st().playing);
      } else if (e.key === '.') st().setPlayhead(st().playheadUs + STEP_US);
      else if (e.key === ',') st().setPlayhead(st().playheadUs - STEP_US);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [st]);

  return (
    <div className="playback" role="toolbar" aria-label="Playback">
      <button type="button" onClick={() => st().setPlayhead(0)} title="Back to the start">
        Start
      </button>
      <button
        type="button"
        onClick={() => st().setPlayhead(playhead - STEP_US)}
        title="Step back 0.1 s (comma key)"
      >
        ◀ 0.1 s
      </button>
      <button
        type="button"
        className="play"
        onClick={() => st().setPlaying(!playing)}
        aria-pressed={playing}
        data-testid="play"
      >
        {playing ? (
          <>
            {/* Drawn: U+23F8 (⏸) has no glyph in Linux Chromium's default fonts (a box). */}
            <svg className="pause-icon" viewBox="0 0 10 10" aria-hidden="true">
              <rect x="1.5" y="1" width="2.6" height="8" />
              <rect x="5.9" y="1" width="2.6" height="8" />
            </svg>{' '}
            Pause
          </>
        ) : (
          '▶ Play'
        )}
      </button>
      <button
        type="button"
        onClick={() => st().setPlayhead(playhead + STEP_US)}
        title="Step forward 0.1 s (full-stop key)"
      >
        0.1 s ▶
      </button>
      <button
        type="button"
        onClick={() => st().setPlayhead(durationS * 1e6)}
        title="Jump to the end"
      >
        End
      </button>
      <label className="speed">
        Speed
        <select value={speed} onChange={(e) => st().setSpeed(Number(e.target.value))}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              ×{s}
            </option>
          ))}
        </select>
      </label>
      <output className="clock" data-testid="clock" aria-live="off">
        {(playhead / 1e6).toFixed(2)} s / {durationS} s
      </output>
      <span className="computed-status" data-testid="run-status">
        {status === 'running'
          ? // Floored, as the progress bar's figure: the two read the same.
            `computing… ${Math.floor(progress * 100)} %`
          : status === 'done'
            ? `computed ${(simTime / 1e6).toFixed(0)} s ahead`
            : status}
      </span>
    </div>
  );
}
