import { PRESETS, findPreset } from '../../sim/scenario/presets';
import { useLab } from '../store/store';

/** Preset choice and its two-line story. */
export function PresetPicker() {
  const presetId = useLab((s) => s.presetId);
  const loadPreset = useLab((s) => s.loadPreset);
  return (
    <label className="preset-picker">
      <span>Preset</span>
      <select
        value={presetId ?? ''}
        onChange={(e) => loadPreset(e.target.value)}
        data-testid="preset"
      >
        {presetId === null && <option value="">Custom scenario</option>}
        {PRESETS.map((p) => (
          <option key={p.id} value={p.id}>
            {p.title}
          </option>
        ))}
      </select>
    </label>
  );
}

export function PresetExplain() {
  const presetId = useLab((s) => s.presetId);
  const p = presetId ? findPreset(presetId) : undefined;
  return (
    <section className="explain" aria-label="What to look for">
      {p ? (
        <>
          <p>{p.explain[0]}</p>
          <p>
            <strong>Look for:</strong> {p.explain[1]}
          </p>
        </>
      ) : (
        <p>
          Custom scenario — every value is in the link, so sharing it reproduces these exact
          numbers.
        </p>
      )}
    </section>
  );
}
