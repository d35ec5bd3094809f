import { useState } from 'react';
import { findPreset, type Preset } from '../../sim/scenario/presets';
import { useLab } from './store';

/**
 * The preset the current scenario started from, if it did: kept through edits (the store's
 * presetId turns null on the first one) and forgotten when a link or the reset replaces the
 * whole scenario (`loads` changes without a preset).
 */
export function useBasePreset(): { preset: Preset | undefined; modified: boolean } {
  const presetId = useLab((s) => s.presetId);
  const loads = useLab((s) => s.loads);
  const [base, setBase] = useState({ id: presetId, loads });
  if (presetId !== null && (presetId !== base.id || loads !== base.loads))
    setBase({ id: presetId, loads });
  else if (presetId === null && loads !== base.loads) setBase({ id: null, loads });
  const id = presetId ?? (loads === base.loads ? base.id : null);
  return { preset: id ? findPreset(id) : undefined, modified: presetId === null };
}
