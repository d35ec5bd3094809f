import { describe, expect, it } from 'vitest';
import { defaultScenario, setPath, type Scenario } from '../src/sim/scenario/scenario';
import { validateScenario } from '../src/sim/scenario/validate';
import {
  addFailure,
  changeKind,
  moveEnd,
  moveFailure,
  removeFailure,
  targetChoices,
} from '../src/ui/deployment/failure-edits';

/** Applies an edit as the store does: set every path, then validate. */
function apply(s: Scenario, edit: Record<string, unknown>) {
  let next = s;
  for (const [p, v] of Object.entries(edit)) next = setPath(next, p, v);
  return validateScenario(next);
}

const base = (): Scenario => ({ ...defaultScenario(), durationS: 20 });

describe('failure list edits', () => {
  it('"Add failure" fills the first free slot with a crash of the SIP host mid-run, without notices', () => {
    const edit = addFailure(base());
    expect(edit).toBeDefined();
    const { scenario, issues } = apply(base(), edit ?? {});
    expect(issues).toEqual([]);
    expect(scenario.failures['f1']).toMatchObject({ kind: 'host-crash', target: 1, atS: 10 });
    const second = apply(scenario, addFailure(scenario) ?? {});
    expect(second.scenario.failures['f2']?.kind).toBe('host-crash');
  });

  it('no slot is offered when all eight are used', () => {
    let s = base();
    for (let n = 0; n < 8; n++) s = apply(s, addFailure(s) ?? {}).scenario;
    expect(addFailure(s)).toBeUndefined();
  });

  it('a kind change picks a target that kind can name, so validation removes nothing', () => {
    let s = apply(base(), setPathEdit('hosts.h3.enabled', true)).scenario;
    s = apply(s, addFailure(s) ?? {}).scenario;
    s = apply(s, { 'failures.f1.target': 3 }).scenario;
    expect(s.failures['f1']?.target).toBe(3);
    // h3 as a VM number would be vm3, which is not present: the edit names vm1 instead.
    const { scenario, issues } = apply(s, changeKind(s, 1, 'vm-crash'));
    expect(issues).toEqual([]);
    expect(scenario.failures['f1']).toMatchObject({ kind: 'vm-crash', target: 1 });
    expect(targetChoices(scenario, 'vm-crash')).toEqual([1]);
    expect(targetChoices(scenario, 'partition')).toEqual([1, 2, 3]);
  });

  it('moving a failure past its repair takes the repair along; past the run it becomes never', () => {
    let s = apply(base(), addFailure(base()) ?? {}).scenario;
    s = apply(s, { 'failures.f1.repairAtS': 14 }).scenario;
    const moved = apply(s, moveFailure(s, 1, 15));
    expect(moved.issues).toEqual([]);
    expect(moved.scenario.failures['f1']).toMatchObject({ atS: 15, repairAtS: 19 });
    const far = apply(s, moveFailure(s, 1, 17)).scenario;
    expect(far.failures['f1']).toMatchObject({ atS: 17, repairAtS: 0 });
  });

  it('an end marker never lands at or before its failure; at the run end it means never', () => {
    let s = apply(base(), addFailure(base()) ?? {}).scenario;
    s = apply(s, changeKind(s, 1, 'partition')).scenario;
    expect(moveEnd(s, 1, 3, 0.1)).toEqual({ 'failures.f1.untilS': 10.1 });
    expect(moveEnd(s, 1, 15, 0.1)).toEqual({ 'failures.f1.untilS': 15 });
    expect(moveEnd(s, 1, 25, 0.1)).toEqual({});
    s = apply(s, { 'failures.f1.untilS': 15 }).scenario;
    expect(moveEnd(s, 1, 20, 0.1)).toEqual({ 'failures.f1.untilS': 0 });
  });

  it('removing a failure returns its slot to the defaults (nothing left in the link)', () => {
    const s = apply(base(), addFailure(base()) ?? {}).scenario;
    const { scenario } = apply(s, removeFailure(1));
    expect(scenario.failures['f1']).toEqual(defaultScenario().failures['f1']);
  });
});

function setPathEdit(path: string, v: unknown): Record<string, unknown> {
  return { [path]: v };
}
