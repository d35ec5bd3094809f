import type { Simulator } from '../engine/simulator';
import { sec, type Micros } from '../engine/units';
import type { Scenario } from '../scenario/scenario';
import type { Host } from './host';

/** vSlicer: at `host.lsvmSwitchAtS`, VM `host.lsvmSwitchVm` changes class on every host (R2's switch). */
export function scheduleLsvmSwitch(
  sim: Simulator,
  s: Scenario,
  hosts: readonly (Host | undefined)[],
  end: Micros,
): void {
  const flip = s.host.lsvmSwitchVm;
  if (s.host.scheduler !== 'vslicer' || flip <= 0) return;
  sim.at(Math.min(sec(s.host.lsvmSwitchAtS), end) as Micros, () => {
    for (const h of hosts) {
      const v = h?.vms[flip];
      if (h && v && h.vslicer) h.vslicer.setLsvm(v, !v.traits.lsvm, h.scheduler.all);
    }
  });
}
