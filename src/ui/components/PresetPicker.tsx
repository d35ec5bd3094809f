import { useState } from 'react';
import { PRESETS } from '../../sim/scenario/presets';
import { useBasePreset } from '../store/use-base-preset';
import { useLab } from '../store/store';
import { useLesson } from '../lessons/lesson-store';

/** Preset choice and its two-line story. */
export function PresetPicker() {
  const presetId = useLab((s) => s.presetId);
  const loadPreset = useLab((s) => s.loadPreset);
  const { preset, modified } = useBasePreset();
  return (
    <label className="preset-picker">
      <span>Preset</span>
      <select
        value={presetId ?? ''}
        onChange={(e) => {
          if (!e.target.value) return;
          useLesson.getState().stop();
          loadPreset(e.target.value);
        }}
        data-testid="preset"
      >
        {presetId === null && (
          <option value="">
            {preset && modified ? `${preset.title} (modified)` : 'Custom scenario'}
          </option>
        )}
        {PRESETS.map((p) => (
          <option key={p.id} value={p.id}>
            {p.title}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The preset's story and what to look for. An edit keeps it, marked as modified: several presets
 * ask for an edit ("switch Output buffering to No-Net") and the reader still needs the text.
 */
export function PresetExplain() {
  const { preset, modified } = useBasePreset();
  // The preset whose "Look for" is shown whole in projector mode (another preset starts cut).
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section className="explain" aria-label="What to look for" data-testid="explain">
      {/* The first line is always there, so marking an edit does not move the page. */}
      <p className="explain-head">
        {preset ? (
          <>
            {/* Projector mode cuts "Look for" to two lines; this reads it all (hidden elsewhere).
                First in the line, floated right: where it shows is where focus meets it. */}
            <button
              type="button"
              className="explain-more"
              aria-controls="look-for"
              aria-expanded={open === preset.id}
              onClick={() => setOpen(open === preset.id ? null : preset.id)}
            >
              {open === preset.id ? 'Show less' : 'Read it all'}
            </button>
            <strong>{preset.title}</strong>
            {modified && (
              <span className="modified" data-testid="explain-modified">
                {' '}
                — modified: your values are in the link
              </span>
            )}
          </>
        ) : (
          <strong>Custom scenario</strong>
        )}
      </p>
      {preset ? (
        <>
          <p>{preset.explain[0]}</p>
          <p className={open === preset.id ? 'open' : undefined} id="look-for">
            <strong>Look for:</strong> {preset.explain[1]}
          </p>
        </>
      ) : (
        <p>Every value is in the link, so sharing it reproduces these exact numbers.</p>
      )}
    </section>
  );
}
