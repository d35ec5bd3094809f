import { useLayoutEffect, useRef, useState } from 'react';
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
  const lookRef = useRef<HTMLParagraphElement>(null);
  const cut = useClamped(lookRef, preset !== undefined && open === preset.id, preset?.explain[1]);
  return (
    <section className="explain" aria-label="What to look for" data-testid="explain">
      {/* The first line is always there, so marking an edit does not move the page. */}
      <p className="explain-head">
        {preset ? (
          <>
            {/* Projector mode cuts "Look for" to two lines; this reads it all — only where the
                cut hides words (a short text, or a wide screen, has nothing more to show).
                First in the line, floated right: where it shows is where focus meets it. */}
            {(cut || open === preset.id) && (
              <button
                type="button"
                className="explain-more"
                aria-controls="look-for"
                aria-expanded={open === preset.id}
                onClick={() => setOpen(open === preset.id ? null : preset.id)}
              >
                {open === preset.id ? 'Show less' : 'Read it all'}
              </button>
            )}
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
          <p ref={lookRef} className={open === preset.id ? 'open' : undefined} id="look-for">
            <strong>Look for:</strong> {preset.explain[1]}
          </p>
        </>
      ) : (
        <p>Every value is in the link, so sharing it reproduces these exact numbers.</p>
      )}
    </section>
  );
}

/**
 * Whether the element's text is cut (its lines overflow the box the CSS clamp gives it). Measured
 * after layout and again whenever its box changes size (a resize reflows the text) or the fonts
 * arrive; `text` names what it shows. While `open` nothing is clamped to measure: the last answer
 * stands (the reader still needs "Show less" to fold it back).
 */
function useClamped(
  ref: React.RefObject<HTMLElement | null>,
  open: boolean,
  text: string | undefined,
): boolean {
  const [cut, setCut] = useState(false);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || open) return;
    // One pixel of slack: subpixel line heights round scrollHeight up on some zoom levels.
    const measure = () => setCut(el.scrollHeight > el.clientHeight + 1);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    let live = true;
    void document.fonts.ready.then(() => {
      if (live) measure();
    });
    return () => {
      live = false;
      ro.disconnect();
    };
  }, [ref, open, text]);
  return cut;
}
