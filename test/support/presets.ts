import { expect } from 'vitest';
import { findPreset, presetScenario } from '../../src/sim/scenario/presets';
import { setPath, type Scenario } from '../../src/sim/scenario/scenario';
import { validateScenario } from '../../src/sim/scenario/validate';

/** A preset's scenario; an unknown id fails the test. */
export function preset(id: string): Scenario {
  const p = findPreset(id);
  if (!p) throw new Error(`no preset ${id}`);
  return presetScenario(p);
}

/** The scenario after validation, asserting it raised no issue. */
export function valid(s: Scenario): Scenario {
  const r = validateScenario(s);
  expect(r.issues).toEqual([]);
  return r.scenario;
}

/** Sets `vms.vm1.<field>`, `vms.vm2.<field>` … to the values in turn. */
export function setEachVm(
  s: Scenario,
  field: string,
  values: readonly (number | boolean)[],
): Scenario {
  return values.reduce<Scenario>((acc, v, i) => setPath(acc, `vms.vm${i + 1}.${field}`, v), s);
}
